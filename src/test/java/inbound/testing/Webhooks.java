package inbound.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import inbound.provider.ProviderCatalog;
import inbound.provider.ProviderDefinition;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Builds the headers real providers send, signed with the shipped provider definitions. */
public final class Webhooks {

    /** Where the tests' Twilio pretends to be reachable. */
    public static final String TWILIO_PUBLIC_URL = "https://hooks.example.com/webhooks/twilio";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ProviderCatalog SHIPPED = shippedCatalog(Clock.systemUTC());

    private Webhooks() {
    }

    public static ProviderDefinition provider(String id) {
        return SHIPPED.find(id).orElseThrow();
    }

    public static ProviderCatalog shippedCatalog() {
        return SHIPPED;
    }

    public static Map<String, String> shopify(byte[] body, String secret, String webhookId, String shopDomain, String topic) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("X-Shopify-Topic", topic);
        headers.put("X-Shopify-Webhook-Id", webhookId);
        headers.put("X-Shopify-Shop-Domain", shopDomain);
        headers.putAll(provider("shopify").signature().sign(body, null, secret.getBytes(StandardCharsets.UTF_8), Instant.now()));
        return headers;
    }

    public static Map<String, String> github(byte[] body, String secret, String deliveryId, String event) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("X-GitHub-Event", event);
        headers.put("X-GitHub-Delivery", deliveryId);
        headers.putAll(provider("github").signature().sign(body, null, secret.getBytes(StandardCharsets.UTF_8), Instant.now()));
        return headers;
    }

    /** A sample payload of {@code src/test/resources/payloads/}, e.g. {@code shopify/orders-create.json}. */
    public static String payload(String path) {
        try {
            return Files.readString(Path.of("src/test/resources/payloads").resolve(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A sample JSON payload made unlike any other by a field of its own first, as UTF-8. */
    public static byte[] unique(String path) {
        return utf8(payload(path).replaceFirst("\\{", "{\"test_unique\": \"" + UUID.randomUUID() + "\","));
    }

    /**
     * GitHub's sample push grown past {@code atLeastBytes} with more commits (as a push of many commits
     * is), each with a message of its own and characters beyond ASCII, as UTF-8; pretty-printed, as GitHub sends it.
     */
    public static byte[] largePush(int atLeastBytes) {
        try {
            ObjectNode push = (ObjectNode) JSON.readTree(payload("github/push.json"));
            ArrayNode commits = (ArrayNode) push.get("commits");
            JsonNode commit = commits.get(0);
            String message = "r\u00e9sum\u00e9 \u2713 " + "x".repeat(4000);
            int size = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(push).length;
            for (int i = 0; size < atLeastBytes; i++) {
                ObjectNode more = commit.deepCopy();
                more.put("message", message + " " + i);
                commits.add(more);
                size += utf8(more.toPrettyString()).length;
            }
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(push);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The shipped provider file, with timestamps checked against {@code clock}. */
    public static ProviderCatalog shippedCatalog(Clock clock) {
        try (InputStream in = Webhooks.class.getResourceAsStream("/providers.yaml")) {
            return ProviderCatalog.read(in, "providers.yaml", clock,
                    key -> key.equals("inbound.provider.twilio.public-url") ? Optional.of(TWILIO_PUBLIC_URL) : Optional.empty());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
