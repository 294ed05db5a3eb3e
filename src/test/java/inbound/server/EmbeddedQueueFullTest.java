package inbound.server;

import static inbound.testing.Webhooks.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import inbound.embedded.ElasticMqMessageTable;
import inbound.embedded.EmbeddedSqsServer;
import inbound.queue.EventAttributes;
import inbound.testing.FreePort;
import inbound.testing.InboundProcess;
import inbound.testing.ProcessedEvents;
import inbound.testing.QueueReader;
import inbound.testing.Webhooks;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded queue's bound, as issue 14 asks: with a small heap and a small bound, the worker off, events
 * past the bound are refused with 503 queue_full (never a 500, never a damaged file); every event answered
 * 202 is on file after a {@code kill -9}; with the worker on again the queue drains and events are taken again.
 */
class EmbeddedQueueFullTest {

    private static final String SECRET = "shpss_bound";
    private static final int BOUND = 30;
    private static final int OFFERED = 45;

    @TempDir
    Path dir;

    @Test
    void shouldRefuseEventsPastTheBoundKeepEveryAcceptedOneAndTakeEventsAgainOnceDrained() throws Exception {
        int httpPort = FreePort.find();
        int sqsPort = FreePort.find();
        Path data = dir.resolve("data");
        Map<String, String> environment = new HashMap<>(Map.of(
                "INBOUND_SQS_PORT", String.valueOf(sqsPort),
                "INBOUND_DATA_DIR", data.toString(),
                "INBOUND_PROVIDER_SHOPIFY_SECRET", SECRET,
                "INBOUND_EMBEDDED_QUEUE_MAX_MESSAGES", String.valueOf(BOUND),
                "INBOUND_EMBEDDED_QUEUE_BACKLOG_REFRESH_MS", "200",
                "INBOUND_WORKER_ENABLED", "false"));
        List<String> smallHeap = new ArrayList<>(InboundProcess.testServerJvmOptions());
        smallHeap.replaceAll(option -> option.startsWith("-Xmx") ? "-Xmx128m" : option);
        ObjectMapper json = new ObjectMapper();
        Set<String> accepted = new HashSet<>();
        List<String> refusals = new ArrayList<>();

        try (InboundProcess first = InboundProcess.with(environment, httpPort, dir.resolve("first.log")).jvmOptions(smallHeap).start()) {
            for (int i = 0; i < OFFERED; i++) {
                HttpResponse<String> response = post(first, i);
                if (response.statusCode() == 202) {
                    accepted.add(json.readTree(response.body()).path("id").asText());
                } else {
                    refusals.add(response.statusCode() + " " + json.readTree(response.body()).path("error").asText()
                            + " retry after " + response.headers().firstValue("Retry-After").orElse("-"));
                }
            }
            JsonNode health = json.readTree(first.client().get("/health").body());
            assertThat(health.path("ingest").asText()).isEqualTo("queue_full");
            assertThat(health.path("status").asText()).as("refusing by design, not down").isEqualTo("UP");
            first.kill();
        }

        assertThat(accepted).hasSize(BOUND);
        assertThat(refusals).hasSize(OFFERED - BOUND).containsOnly("503 queue_full retry after 5");
        assertThat(onFile(data)).as("every accepted event, in a file H2 reads whole").isEqualTo(accepted);

        environment.put("INBOUND_WORKER_ENABLED", "true");
        try (InboundProcess second = InboundProcess.with(environment, httpPort, dir.resolve("second.log")).jvmOptions(smallHeap).start();
                QueueReader queue = new QueueReader(sqsPort, "webhook-events.fifo")) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
                Map<String, String> attributes = queue.queueAttributes();
                return "0".equals(attributes.get("ApproximateNumberOfMessages")) && "0".equals(attributes.get("ApproximateNumberOfMessagesNotVisible"));
            });
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> post(second, OFFERED).statusCode() == 202);
            assertThat(json.readTree(second.client().get("/health").body()).has("ingest")).isFalse();
            second.kill();
        }
        assertThat(processed(data)).containsAll(accepted);
    }

    private static HttpResponse<String> post(InboundProcess inbound, int i) {
        byte[] body = utf8("{\"id\": " + i + ", \"domain\": null, \"note\": \"" + "x".repeat(2048) + "\"}");
        return inbound.client().post("shopify", body,
                Webhooks.shopify(body, SECRET, "delivery-" + i, "shop-" + (i % 4) + ".myshopify.com", "app/uninstalled"));
    }

    /** The event ids in the embedded queue's file, which H2 reads row by row, bodies included. */
    private static Set<String> onFile(Path data) throws Exception {
        ObjectMapper json = new ObjectMapper();
        Set<String> eventIds = new HashSet<>();
        try (Connection queue = DriverManager.getConnection(EmbeddedSqsServer.databaseUrl(data), "", "");
                ResultSet rows = queue.createStatement().executeQuery(
                        "SELECT content, attributes FROM " + ElasticMqMessageTable.of("webhook-events.fifo"))) {
            while (rows.next()) {
                assertThat(rows.getBytes("content")).isNotEmpty();
                // ElasticMQ keeps the attributes as a JSON list of {key, primaryDataType, stringValue, customType}
                for (JsonNode attribute : json.readTree(rows.getBytes("attributes"))) {
                    if (attribute.path("key").asText().equals(EventAttributes.EVENT_ID)) {
                        eventIds.add(attribute.path("stringValue").asText());
                    }
                }
            }
        }
        return eventIds;
    }

    private static Set<String> processed(Path data) {
        return ProcessedEvents.payloadsById(data).keySet();
    }
}
