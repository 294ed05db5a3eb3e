package inbound.server;

import static inbound.testing.Webhooks.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import inbound.testing.InProcessInbound;
import inbound.testing.QueueReader;
import inbound.testing.WebhookClient;
import inbound.testing.Webhooks;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Requests built to break ingest, over HTTP against the server shape with its embedded queue: each is
 * answered with a JSON 4xx decided before anything is queued — never a 5xx, never a stack trace — and
 * what the queue holds is exactly what was answered 202.
 */
class HostileRequestsEndToEndTest {

    private static final String STRIPE_SECRET = "whsec_stripe_hostile";
    private static final String SHOPIFY_SECRET = "shpss_hostile";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dataDir;

    private static InProcessInbound server;
    private static WebhookClient client;
    private static QueueReader queue;

    @BeforeAll
    static void startServer() throws Exception {
        Properties properties = new Properties();
        properties.put("inbound.provider.shopify.secret", SHOPIFY_SECRET);
        properties.put("inbound.provider.stripe.secret", STRIPE_SECRET);
        properties.put("inbound.provider.standard-webhooks.secret", "whsec_");
        properties.put("inbound.provider.twilio.secret", "twilio-auth-token");
        properties.put("inbound.provider.twilio.public-url", Webhooks.TWILIO_PUBLIC_URL);
        // these tests read the queue themselves
        properties.put("inbound.worker.enabled", "false");
        server = InProcessInbound.create(dataDir, properties).start();
        client = server.client();
        queue = server.queue("webhook-events.fifo");
    }

    @AfterAll
    static void stopServer() throws Exception {
        queue.close();
        server.close();
    }

    @AfterEach
    void emptyTheQueue() {
        queue.drain();
    }

    private static Map<String, String> stripe(byte[] body) {
        Map<String, String> headers = new HashMap<>(Map.of("Content-Type", "application/json"));
        headers.putAll(Webhooks.provider("stripe").signature().sign(body, null, utf8(STRIPE_SECRET), Instant.now()));
        return headers;
    }

    private static void assertRefused(HttpResponse<String> response, int status, String error) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(JSON.readTree(response.body()).path("error").asText()).isEqualTo(error);
        assertThat(response.body()).doesNotContain("\tat ", "Exception", "Error:");
    }

    @Test
    void shouldRefuseAnUnsignedTwilioFormOfAHundredThousandEmptyPairsWith401() throws Exception {
        byte[] body = utf8("a=&".repeat(100_000));

        HttpResponse<String> response = client.post("twilio", body,
                Map.of("Content-Type", "application/x-www-form-urlencoded", "X-Twilio-Signature", "bm90IGEgc2lnbmF0dXJl"));

        assertRefused(response, 401, "invalid_signature");
        assertThat(queue.drain()).isEmpty();
    }

    /** Found by the hostile-input scenario: Vert.x's header parser threw on a parameter that is a lone quote. */
    @Test
    void shouldRefuseAContentTypeTheHttpLayerCannotParseWith400() throws Exception {
        for (String contentType : new String[] {"application/json; x=\"", "application/json; charset=\"utf-8", "*\\>]; =", "/json", "application/"}) {
            HttpResponse<String> response = client.post("github", utf8("{}"), Map.of("Content-Type", contentType, "X-Hub-Signature-256", "sha256=00"));

            assertRefused(response, 400, "invalid_content_type");
        }
        assertThat(queue.drain()).isEmpty();
    }

    @Test
    void shouldRefuseWith401WhenTheStandardWebhooksSecretIsOnlyItsPrefix() throws Exception {
        HttpResponse<String> response = client.post("standard-webhooks", utf8("{}"), Map.of("Content-Type", "application/json",
                "webhook-id", "msg_1", "webhook-timestamp", String.valueOf(Instant.now().getEpochSecond()), "webhook-signature", "v1,AAAA"));

        assertRefused(response, 401, "invalid_signature");
    }

    @Test
    void shouldRefuseWhatTheQueueOrTheDatabaseWouldRefuseForGoodWith4xxAndQueueNothing() throws Exception {
        byte[] nonCharacter = utf8("{\"id\": \"evt_1\", \"type\": \"invoice.paid\", \"note\": \"\uFFFF\"}");
        byte[] controlInTopic = utf8("{\"id\": \"evt_2\", \"type\": \"invoice\\u0001paid\"}");
        byte[] longDeliveryId = utf8("{\"id\": \"evt_" + "3".repeat(300) + "\", \"type\": \"invoice.paid\"}");
        byte[] overMessageLimit = utf8("{\"id\": \"evt_4\", \"type\": \"invoice.paid\", \"pad\": \"" + "x".repeat(1_048_576 - 100) + "\"}");

        assertRefused(client.post("stripe", nonCharacter, stripe(nonCharacter)), 400, "unsupported_characters");
        assertRefused(client.post("stripe", controlInTopic, stripe(controlInTopic)), 400, "invalid_metadata");
        assertRefused(client.post("stripe", longDeliveryId, stripe(longDeliveryId)), 400, "invalid_metadata");
        assertRefused(client.post("stripe", overMessageLimit, stripe(overMessageLimit)), 413, "message_too_large");
        assertThat(queue.drain()).isEmpty();
    }

    /**
     * Seen from outside: with 16 hostile requests at a time, one 500 not tied to its input, and one or
     * two messages more in the queue than 202s answered. Valid and hostile requests, all at once; on a
     * busy machine some are shed (503 queue_busy) and sent again, as a provider would.
     */
    @Test
    void shouldQueueExactlyTheEventsAnswered202WhileHostileRequestsArriveAtTheSameTime() throws Exception {
        List<Sent> requests = new ArrayList<>();
        for (int i = 0; i < 240; i++) {
            requests.add(switch (i % 6) {
                case 0 -> shopifyEvent(i, "{\"id\": " + i + "}");
                case 1 -> shopifyEvent(i, "{\"id\": " + i + ", \"note\": \"\uFFFF\"}");
                case 2 -> new Sent("twilio", utf8("a=&".repeat(20_000)),
                        Map.of("Content-Type", "application/x-www-form-urlencoded", "X-Twilio-Signature", "AAAA"));
                case 3 -> { byte[] body = utf8("{\"id\": \"evt_" + i + "\", \"type\": \"t\\u0001t\"}"); yield new Sent("stripe", body, stripe(body)); }
                case 4 -> new Sent("shopify", utf8("{\"id\": " + i + "}"), Map.of("X-Shopify-Hmac-Sha256", "bm90", "X-Shopify-Webhook-Id", "u-" + i));
                default -> { byte[] body = utf8("{\"id\": \"evt_" + i + "\", \"type\": \"invoice.paid\"}"); yield new Sent("stripe", body, stripe(body)); }
            });
        }
        Map<Integer, AtomicInteger> byStatus = new ConcurrentHashMap<>();
        List<String> accepted = java.util.Collections.synchronizedList(new ArrayList<>());
        List<String> serverErrors = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService senders = Executors.newFixedThreadPool(16);
        try {
            List<Future<?>> sent = new ArrayList<>();
            for (Sent request : requests) {
                sent.add(senders.submit(() -> {
                    HttpResponse<String> response = client.post(request.provider(), request.body(), request.headers());
                    // shed load is refused for now, not for good: a provider sends it again, so does this test
                    for (int retry = 0; retry < 20 && isQueueBusy(response); retry++) {
                        response = client.post(request.provider(), request.body(), request.headers());
                    }
                    byStatus.computeIfAbsent(response.statusCode(), status -> new AtomicInteger()).incrementAndGet();
                    if (response.statusCode() == 202) {
                        accepted.add(JSON.readTree(response.body()).path("id").asText());
                    } else if (response.statusCode() >= 500) {
                        serverErrors.add(request.provider() + " " + response.statusCode() + " " + response.body());
                    }
                    return null;
                }));
            }
            for (Future<?> each : sent) {
                each.get();
            }
        } finally {
            senders.shutdownNow();
        }

        List<String> queued = queue.drain().stream().map(message -> QueueReader.attribute(message, "eventId")).toList();
        assertThat(queued).as("answers by status: %s", byStatus).containsExactlyInAnyOrderElementsOf(accepted);
        assertThat(serverErrors).as("answers by status: %s", byStatus).isEmpty();
        assertThat(accepted).hasSize(80);
    }

    private static boolean isQueueBusy(HttpResponse<String> response) {
        return response.statusCode() == 503 && response.body().contains("\"queue_busy\"") && response.headers().firstValue("Retry-After").isPresent();
    }

    private static Sent shopifyEvent(int i, String body) {
        byte[] bytes = utf8(body);
        return new Sent("shopify", bytes, Webhooks.shopify(bytes, SHOPIFY_SECRET, "concurrent-" + i, "shop-" + (i % 7) + ".myshopify.com", "orders/create"));
    }

    private record Sent(String provider, byte[] body, Map<String, String> headers) {
    }
}
