package inbound.server;

import static inbound.testing.Webhooks.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import inbound.queue.EventAttributes;
import inbound.testing.FreePort;
import inbound.testing.InboundProcess;
import inbound.testing.ProcessedEvents;
import inbound.testing.QueueReader;
import inbound.testing.StoredPayloads;
import inbound.testing.WebhookClient;
import inbound.testing.Webhooks;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded queue's default claim check, as the run command starts the server: every body is stored
 * under the data directory before its 202 and queued as a pointer; it survives a SIGKILL, reaches the
 * worker byte for byte, stays while its event is dead-lettered (across a restart too), is shown by the
 * operator API, and is removed once its event is processed — by the worker, a queue replay or a direct one.
 */
class ClaimCheckEndToEndTest {

    private static final String SECRET = "shpss_claim_check";
    private static final String ADMIN_TOKEN = "operator-token-for-claim-checks";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Map<String, String> environment(int sqsPort, boolean worker) {
        Map<String, String> environment = new HashMap<>(Map.of(
                "INBOUND_SQS_PORT", String.valueOf(sqsPort),
                "INBOUND_DATA_DIR", dir.resolve("data").toString(),
                "INBOUND_PROVIDER_SHOPIFY_SECRET", SECRET,
                "INBOUND_ADMIN_TOKEN", ADMIN_TOKEN));
        environment.put("INBOUND_WORKER_ENABLED", String.valueOf(worker));
        return environment;
    }

    private static String post(WebhookClient client, byte[] body, String deliveryId, String topic) throws Exception {
        HttpResponse<String> response = client.post("shopify", body, Webhooks.shopify(body, SECRET, deliveryId, "acme.myshopify.com", topic));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return JSON.readTree(response.body()).path("id").asText();
    }

    private static String status(WebhookClient client, String eventId) throws Exception {
        HttpResponse<String> response = client.operatorGet("/events/" + eventId, ADMIN_TOKEN);
        return response.statusCode() == 200 ? JSON.readTree(response.body()).path("status").asText() : "unknown";
    }

    private Map<String, String> processedPayloads() {
        return ProcessedEvents.payloadsById(dir.resolve("data"));
    }

    @Test
    void shouldProcessEveryStoredBodyByteForByteAfterAKill9AndThenRemoveIt() throws Exception {
        int httpPort = FreePort.find();
        int sqsPort = FreePort.find();
        StoredPayloads stored = new StoredPayloads(dir.resolve("data"));
        Map<String, String> sent = new LinkedHashMap<>();

        try (InboundProcess first = InboundProcess.start(environment(sqsPort, false), httpPort, dir.resolve("first.log"))) {
            for (int i = 0; i < 20; i++) {
                String body = "{\"id\": " + i + ", \"domain\": null, \"note\": \"caf\u00e9 \u2713 \u2028 " + i + "\"}";
                sent.put(post(first.client(), utf8(body), "delivery-" + i, "app/uninstalled"), body);
            }
            assertThat(stored.files()).hasSize(20);
            first.kill();
        }

        try (InboundProcess second = InboundProcess.start(environment(sqsPort, true), httpPort, dir.resolve("second.log"))) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> {
                for (String eventId : sent.keySet()) {
                    if (!"processed".equals(status(second.client(), eventId))) {
                        return false;
                    }
                }
                return true;
            });
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> stored.files().isEmpty());
            // stopped, not killed: the database file is closed before the test opens it
            assertThat(second.stop(Duration.ofSeconds(30))).isIn(0, 143);
        }
        assertThat(processedPayloads()).isEqualTo(sent);
    }

    @Test
    void shouldKeepADeadLetteredBodyAcrossAKill9UntilAReplayOfItIsProcessed() throws Exception {
        int httpPort = FreePort.find();
        int sqsPort = FreePort.find();
        StoredPayloads stored = new StoredPayloads(dir.resolve("data"));
        // an order without the fields its schema requires: dead-lettered, until the schemas are fixed
        String queuedAgain = "{\"id\": 1, \"note\": \"r\u00e9play\"}";
        String runAtOnce = "{\"id\": 2, \"note\": \"direct \u2713\"}";
        String queuedAgainId;
        String runAtOnceId;

        try (InboundProcess first = InboundProcess.start(environment(sqsPort, true), httpPort, dir.resolve("first.log"))) {
            queuedAgainId = post(first.client(), utf8(queuedAgain), "delivery-replayed", "orders/create");
            runAtOnceId = post(first.client(), utf8(runAtOnce), "delivery-direct", "orders/create");
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() ->
                    "dead_lettered".equals(status(first.client(), queuedAgainId)) && "dead_lettered".equals(status(first.client(), runAtOnceId)));
            assertThat(stored.files()).hasSize(2);
            first.kill();
        }

        Path fixedSchemas = Files.createDirectories(dir.resolve("schemas").resolve("shopify"));
        Files.writeString(fixedSchemas.resolve("default.json"), "{\"type\": \"object\"}");
        // without its worker at first: an original whose delete after its dead-lettering the kill undid is
        // queued again, and the worker would process it, with the fixed schemas, before its replay
        Map<String, String> fixed = environment(sqsPort, false);
        fixed.put("INBOUND_SCHEMAS_LOCATION", "file:" + dir.resolve("schemas"));
        try (InboundProcess second = InboundProcess.start(fixed, httpPort, dir.resolve("second.log"))) {
            WebhookClient client = second.client();
            assertThat(stored.files()).hasSize(2);
            JsonNode deadLetter = JSON.readTree(client.operatorGet("/dead-letters/" + queuedAgainId, ADMIN_TOKEN).body());
            assertThat(deadLetter.path("payload").asText()).isEqualTo(queuedAgain);
            assertThat(deadLetter.path("payloadBytes").asInt()).isEqualTo(utf8(queuedAgain).length);

            HttpResponse<String> direct = client.operatorPost("/dead-letters/" + runAtOnceId + "/replay?mode=direct", "{}", ADMIN_TOKEN);
            assertThat(JSON.readTree(direct.body()).path("outcome").asText()).as(direct.body()).isEqualTo("processed");
            assertThat(stored.files()).hasSize(1);
            HttpResponse<String> replay = client.operatorPost("/dead-letters/replay", "{\"ids\": [\"" + queuedAgainId + "\"]}", ADMIN_TOKEN);
            assertThat(JSON.readTree(replay.body()).path("moved").asInt()).as(replay.body()).isEqualTo(1);
            assertThat(stored.files()).hasSize(1);
            second.kill();
        }

        fixed.put("INBOUND_WORKER_ENABLED", "true");
        try (InboundProcess third = InboundProcess.start(fixed, httpPort, dir.resolve("third.log"))) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() ->
                    "processed".equals(status(third.client(), queuedAgainId)));
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> stored.files().isEmpty());
            // stopped, not killed: the database file is closed before the test opens it
            assertThat(third.stop(Duration.ofSeconds(30))).isIn(0, 143);
        }
        assertThat(processedPayloads()).containsEntry(queuedAgainId, queuedAgain).containsEntry(runAtOnceId, runAtOnce);
    }

    @Test
    void shouldRemoveAtStartTheStoredBodiesNoMessagePointsTo() throws Exception {
        int httpPort = FreePort.find();
        int sqsPort = FreePort.find();
        StoredPayloads stored = new StoredPayloads(dir.resolve("data"));
        Map<String, String> sent = new LinkedHashMap<>();
        Path payloads = dir.resolve("data").resolve("payloads");

        try (InboundProcess first = InboundProcess.start(environment(sqsPort, false), httpPort, dir.resolve("first.log"))) {
            for (int i = 0; i < 3; i++) {
                String body = "{\"id\": " + i + ", \"domain\": null}";
                sent.put(post(first.client(), utf8(body), "kept-" + i, "app/uninstalled"), body);
            }
            first.kill();
        }
        // what a crash leaves: the body of an event processed just before it, and a write it cut short
        Path processed = Files.createDirectories(payloads.resolve("ab")).resolve("ab" + "0".repeat(34) + "." + "0".repeat(64));
        Files.writeString(processed, "{\"id\": \"processed before the crash\"}");
        Path cutShort = Files.writeString(payloads.resolve("ab").resolve("ab" + "1".repeat(34) + ".partial"), "{\"id\":");

        try (InboundProcess second = InboundProcess.start(environment(sqsPort, false), httpPort, dir.resolve("second.log"));
                QueueReader queue = new QueueReader(sqsPort, "webhook-events.fifo")) {
            assertThat(processed).doesNotExist();
            assertThat(cutShort).doesNotExist();
            assertThat(stored.files()).hasSize(3);
            Map<String, String> queued = new LinkedHashMap<>();
            queue.drain().forEach(message -> queued.put(QueueReader.attribute(message, EventAttributes.EVENT_ID),
                    new String(stored.body(message), StandardCharsets.UTF_8)));
            assertThat(queued).isEqualTo(sent);
        }
    }
}
