package inbound.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A correctly signed sample request for a provider, built from {@code samples/<provider>.json} on
 * the classpath: the headers a provider would send (topic, delivery id, ordering key, signature)
 * and the exact body bytes; and its topic, as the queued event carries it.
 */
public record SampleWebhook(String provider, Optional<String> topic, Map<String, String> headers, byte[] body) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static Optional<SampleWebhook> forProvider(ProviderDefinition provider, byte[] secret) {
        try (InputStream in = SampleWebhook.class.getResourceAsStream("/samples/" + provider.id() + ".json")) {
            if (in == null) {
                return Optional.empty();
            }
            JsonNode sample = JSON.readTree(in);
            byte[] body = JSON.writeValueAsBytes(sample.get("body"));
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Content-Type", "application/json");
            String topic = sample.path("topic").asText();
            putIfHeader(headers, provider.topic(), topic);
            putIfHeader(headers, provider.deliveryId(), UUID.randomUUID().toString());
            putIfHeader(headers, provider.orderingKey(), sample.path("ordering-key").asText());
            headers.putAll(provider.signature().sign(body, null, secret, Instant.now()));
            return Optional.of(new SampleWebhook(provider.id(), Optional.of(topic).filter(value -> !value.isEmpty()), headers, body));
        } catch (IOException e) {
            throw new ProviderFileException("sample for provider '" + provider.id() + "' is unreadable", e);
        }
    }

    /** The request as a curl command line; sample bodies hold no single quote, so they quote safely. */
    public String asCurl(String baseUrl) {
        StringBuilder curl = new StringBuilder("curl -i -X POST '").append(baseUrl).append("/webhooks/").append(provider).append("'");
        headers.forEach((name, value) -> curl.append(" \\\n  -H '").append(name).append(": ").append(value).append("'"));
        return curl.append(" \\\n  --data-binary '").append(new String(body, StandardCharsets.UTF_8)).append("'").toString();
    }

    /** Sets the first header among the sources (a provider may read the value from its body instead). */
    private static void putIfHeader(Map<String, String> headers, List<ValueSource> sources, String value) {
        sources.stream().filter(source -> source.header() != null).findFirst()
                .filter(source -> !value.isEmpty())
                .ifPresent(source -> headers.put(source.header(), value));
    }
}
