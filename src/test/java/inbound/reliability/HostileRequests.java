package inbound.reliability;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Generates unsigned hostile requests from a seed, so that a failing one can be made again: random
 * provider ids, signature and metadata headers (duplicated too, with values shaped like signatures),
 * queries that shadow headers, and bodies of random bytes, JSON-like text, forms, deep nesting and
 * huge pair counts.
 */
final class HostileRequests {

    static final List<String> PROVIDERS = List.of("shopify", "github", "stripe", "slack", "twilio", "standard-webhooks");
    private static final List<String> HEADER_NAMES = List.of("X-Shopify-Hmac-Sha256", "X-Shopify-Topic", "X-Shopify-Webhook-Id",
            "X-Shopify-Shop-Domain", "X-Hub-Signature-256", "X-GitHub-Event", "X-GitHub-Delivery", "Stripe-Signature",
            "X-Slack-Signature", "X-Slack-Request-Timestamp", "X-Twilio-Signature", "webhook-id", "webhook-timestamp",
            "webhook-signature", "svix-id", "svix-signature", "X-Inbound-Api-Key", "X-Inbound-Form-Content-Type", "Content-Type");
    private static final List<String> SHAPED_VALUES = List.of("sha256=", "v0=", "v1,", "t=1,v1=00", "whsec_",
            "application/x-www-form-urlencoded", "application/json", "application/json; charset=latin1");

    record Header(String name, String value) {
    }

    record Hostile(String provider, String query, List<Header> headers, byte[] body) {
    }

    private final Random random;

    HostileRequests(long seed) {
        this.random = new Random(seed);
    }

    Hostile next() {
        List<Header> headers = new ArrayList<>();
        for (int i = random.nextInt(13); i > 0; i--) {
            headers.add(new Header(pick(HEADER_NAMES), headerValue()));
        }
        return new Hostile(provider(), query(), headers, body());
    }

    private String provider() {
        return random.nextInt(4) > 0 ? pick(PROVIDERS) : text("abcxyz019-._~", 20);
    }

    private String query() {
        return random.nextBoolean() ? null : text("abz=&2Fbody_SHA256inbound_api_key", 60);
    }

    private String headerValue() {
        return switch (random.nextInt(4)) {
            case 0 -> pick(SHAPED_VALUES);
            case 1 -> String.valueOf(System.currentTimeMillis() / 1000 - random.nextInt(1_000));
            case 2 -> "sha256=" + text("abcdef0123456789+/=", 100);
            default -> printable(80);
        };
    }

    private byte[] body() {
        return switch (random.nextInt(6)) {
            case 0 -> {
                byte[] bytes = new byte[random.nextInt(2_001)];
                random.nextBytes(bytes);
                yield bytes;
            }
            case 1 -> utf8(text("{}[]\":,0123456789.eE-+ abc\\u\uFFFF\u2028é", 2_000));
            case 2 -> utf8(text("a=&%2b+ \u0000", 3_000));
            case 3 -> {
                int depth = 1 + random.nextInt(20_000);
                yield utf8("[".repeat(depth) + "]".repeat(depth));
            }
            case 4 -> utf8("1".repeat(1 + random.nextInt(100_000)));
            default -> utf8("a=&".repeat(1 + random.nextInt(100_000)));
        };
    }

    private String text(String alphabet, int maxLength) {
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(maxLength + 1); i > 0; i--) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }

    private String printable(int maxLength) {
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(maxLength + 1); i > 0; i--) {
            text.append((char) (' ' + random.nextInt('~' - ' ' + 1)));
        }
        return text.toString();
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Every provider's secret set to the bare Standard Webhooks prefix: a key that decodes to nothing. */
    static Map<String, String> secrets() {
        Map<String, String> secrets = new HashMap<>();
        PROVIDERS.forEach(provider -> secrets.put("inbound.provider." + provider + ".secret", "whsec_"));
        return secrets;
    }
}
