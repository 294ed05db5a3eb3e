package inbound.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import inbound.testing.FreePort;
import inbound.testing.InboundProcess;
import inbound.testing.WebhookClient;
import inbound.testing.Webhooks;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server with {@code INBOUND_LOG_FORMAT=json}, in a process of its own, read from its console: every line is
 * one JSON object; one event's lines — accepted at ingest, dead-lettered by the worker, moved back by a replay and
 * dead-lettered again, run by a direct replay — each name it, its provider, delivery id and group, and one trace id
 * throughout; a refused request's line carries a trace id of its own; and no line holds the payload or a secret.
 */
class JsonLogsEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "shpss_json_logs";
    private static final String ADMIN_TOKEN = "admin-token-for-json-logs";

    @TempDir
    Path dir;

    @Test
    void oneEventsLinesFromIngestThroughTheWorkerToItsReplaysCarryOneTraceId() throws Exception {
        int httpPort = FreePort.find();
        Path log = dir.resolve("inbound.log");
        Map<String, String> environment = Map.of(
                "INBOUND_LOG_FORMAT", "json",
                "INBOUND_SQS_PORT", String.valueOf(FreePort.find()),
                "INBOUND_DATA_DIR", dir.resolve("data").toString(),
                "INBOUND_PROVIDER_SHOPIFY_SECRET", SECRET,
                "INBOUND_ADMIN_TOKEN", ADMIN_TOKEN);
        String marker = UUID.randomUUID().toString();
        byte[] invalid = Webhooks.utf8(Webhooks.payload("shopify/orders-create-invalid.json").replaceFirst("\\{", "{\"test_marker\": \"" + marker + "\","));
        String deliveryId = "json-logs-" + UUID.randomUUID();
        String eventId;
        try (InboundProcess server = InboundProcess.start(environment, httpPort, log)) {
            WebhookClient client = server.client();
            HttpResponse<String> accepted = client.post("shopify", invalid, Webhooks.shopify(invalid, SECRET, deliveryId, "json-logs.myshopify.com",
                    "orders/create"));
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
            eventId = JSON.readTree(accepted.body()).path("id").asText();
            assertThat(client.post("shopify", invalid, Webhooks.shopify(invalid, "not-the-secret", "forged", "json-logs.myshopify.com",
                    "orders/create")).statusCode()).isEqualTo(401);
            awaitStatus(client, eventId, "dead_lettered", 0);

            assertThat(client.operatorPost("/dead-letters/replay", "{\"ids\": [\"" + eventId + "\"]}", ADMIN_TOKEN).statusCode()).isEqualTo(200);
            awaitStatus(client, eventId, "dead_lettered", 1);
            assertThat(client.operatorPost("/dead-letters/" + eventId + "/replay?mode=direct", "", ADMIN_TOKEN).statusCode()).isEqualTo(200);
            server.stop(Duration.ofSeconds(60));
        }

        List<JsonNode> lines = jsonLines(log);
        List<JsonNode> ofTheEvent = lines.stream().filter(line -> eventId.equals(line.path("eventId").asText(null))).toList();
        assertThat(ofTheEvent).extracting(line -> line.path("logger").asText()).contains(
                "inbound.ingest.IngestResponses", "inbound.deadletter.DeadLetterRecorder", "inbound.deadletter.DeadLetterReplay",
                "inbound.deadletter.DirectReplay");
        Set<String> traceIds = ofTheEvent.stream().map(line -> line.path("traceId").asText("")).collect(Collectors.toSet());
        assertThat(traceIds).singleElement().satisfies(traceId -> assertThat(traceId).matches("1-[0-9a-f]{8}-[0-9a-f]{24}"));
        assertThat(ofTheEvent).allSatisfy(line -> {
            assertThat(line.path("provider").asText()).isEqualTo("shopify");
            assertThat(line.path("deliveryId").asText()).isEqualTo(deliveryId);
            assertThat(line.path("group").asText()).isEqualTo("shopify:json-logs.myshopify.com");
        });
        JsonNode refused = lines.stream().filter(line -> line.path("message").asText().startsWith("Refused webhook")).findFirst().orElseThrow();
        assertThat(refused.path("traceId").asText()).matches("1-[0-9a-f]{8}-[0-9a-f]{24}").isNotIn(traceIds);
        String everything = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(everything).doesNotContain(marker, SECRET, ADMIN_TOKEN);
    }

    private static void awaitStatus(WebhookClient client, String eventId, String status, int replayCount) {
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            JsonNode event = JSON.readTree(client.operatorGet("/events/" + eventId, ADMIN_TOKEN).body());
            return event.path("status").asText().equals(status) && event.path("replayCount").asInt() == replayCount;
        });
    }

    /** Every line of the console as JSON: a line that is not one JSON object fails the test. */
    private static List<JsonNode> jsonLines(Path log) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String text : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            if (text.isBlank()) {
                continue;
            }
            JsonNode line;
            try {
                line = JSON.readTree(text);
            } catch (IOException notJson) {
                throw new AssertionError("a console line is not JSON: " + text, notJson);
            }
            assertThat(line.isObject()).as("one object per line: %s", text).isTrue();
            assertThat(line.path("timestamp").asText()).as("an RFC 3339 time: %s", text).matches("\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z");
            lines.add(line);
        }
        return lines;
    }
}
