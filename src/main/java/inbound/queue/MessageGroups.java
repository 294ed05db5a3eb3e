package inbound.queue;

import inbound.support.Sha256;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Turns a provider's ordering key into an SQS FIFO MessageGroupId (at most 128 characters of
 * letters, digits and ASCII punctuation). Keys are scoped by provider, and a key that does not fit
 * is replaced by its SHA-256 so that equal keys still share one group.
 */
public final class MessageGroups {

    private static final Pattern ALLOWED = Pattern.compile("[\\p{Alnum}\\p{Punct}]{1,128}");

    private MessageGroups() {
    }

    public static String groupId(String provider, String orderingKey) {
        String candidate = provider + ":" + orderingKey;
        return ALLOWED.matcher(candidate).matches() ? candidate : provider + ":sha256:" + Sha256.hex(orderingKey.getBytes(StandardCharsets.UTF_8));
    }
}
