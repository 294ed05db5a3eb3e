package inbound.ingest;

import inbound.claimcheck.ClaimCheck;
import inbound.queue.EventAttributes;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Refuses, before anything is queued, an event the queue or the worker's database would refuse for
 * good — so that its sender is told at once with a 4xx, instead of a 503 it retries until it gives up:
 * <ul>
 * <li>a body with a character SQS cannot carry (its allowed set: tab, line feed, carriage return,
 * U+0020-U+D7FF, U+E000-U+FFFD, U+10000-U+10FFFF): 400 {@code unsupported_characters};</li>
 * <li>a topic or delivery id with a control character or a character SQS cannot carry, or longer than
 * the database keeps: 400 {@code invalid_metadata} (no provider sends either);</li>
 * <li>a body and attributes over the queue's message limit, counted as SQS counts them (UTF-8 bytes of
 * the body and of each attribute's name, data type and value): 413 {@code message_too_large}.</li>
 * </ul>
 * The message group and deduplication id need no check here: both are built to fit (see
 * {@link inbound.queue.MessageGroups}; the event id is a UUID).
 */
public final class QueueMessageLimits implements Processor {

    /** The database's topic and delivery id columns (VARCHAR(255), db/migration/V1.sql); counted in UTF-16 units, never fewer than characters. */
    static final int MAX_METADATA_CHARS = 255;
    /** The data type every attribute is sent with. */
    private static final String ATTRIBUTE_TYPE = "String";
    private static final Map<String, String> CHECKED_METADATA = Map.of(
            EventAttributes.TOPIC, "topic", EventAttributes.DELIVERY_ID, "delivery id");

    private final long maxMessageBytes;
    private final ClaimCheck claimCheck;

    /** {@code claimCheck}: a body it stores aside counts as its pointer does. */
    public QueueMessageLimits(long maxMessageBytes, ClaimCheck claimCheck) {
        this.maxMessageBytes = maxMessageBytes;
        this.claimCheck = claimCheck;
    }

    @Override
    public void process(Exchange exchange) {
        byte[] body = exchange.getProperty(IngestProperties.RAW_BODY, byte[].class);
        int uncarried = firstUncarried(new String(body, StandardCharsets.UTF_8));
        if (uncarried >= 0) {
            throw IngestRefusals.unsupportedCharacter(uncarried);
        }
        long size = claimCheck.queuedBytes(body.length);
        for (Map.Entry<String, Object> attribute : exchange.getMessage().getHeaders().entrySet()) {
            String value = String.valueOf(attribute.getValue());
            String described = CHECKED_METADATA.get(attribute.getKey());
            if (described != null) {
                checkMetadata(described, value);
            }
            size += utf8Length(attribute.getKey()) + ATTRIBUTE_TYPE.length() + utf8Length(value);
        }
        if (size > maxMessageBytes) {
            throw IngestRefusals.messageTooLarge(size, maxMessageBytes);
        }
    }

    private static void checkMetadata(String described, String value) {
        if (value.length() > MAX_METADATA_CHARS) {
            throw IngestRefusals.invalidMetadata("The " + described + " is longer than " + MAX_METADATA_CHARS + " characters.");
        }
        if (value.codePoints().anyMatch(codePoint -> Character.isISOControl(codePoint) || !carried(codePoint))) {
            throw IngestRefusals.invalidMetadata("The " + described + " contains a control character or a character the queue cannot carry.");
        }
    }

    /** The first code point SQS does not carry, or -1. A lone surrogate counts as its own code point. */
    private static int firstUncarried(String text) {
        return text.codePoints().filter(codePoint -> !carried(codePoint)).findFirst().orElse(-1);
    }

    private static boolean carried(int codePoint) {
        return codePoint == 0x9 || codePoint == 0xA || codePoint == 0xD
                || codePoint >= 0x20 && codePoint <= 0xD7FF
                || codePoint >= 0xE000 && codePoint <= 0xFFFD
                || codePoint >= 0x10000 && codePoint <= 0x10FFFF;
    }

    private static long utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
