package inbound.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import inbound.testing.InProcessInbound;
import inbound.testing.PrometheusText;
import inbound.testing.WebhookClient;
import inbound.testing.Webhooks;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.model.DeleteQueueRequest;
import software.amazon.awssdk.services.sqs.model.GetQueueUrlRequest;

/**
 * Replays in {@code GET /metrics}, read with a Prometheus text parser: each replay of a dead letter counts once
 * under its mode and outcome, and only what the worker did counts as its outcome — a replay that failed, directly
 * or in its move back to the queue, is no new dead letter.
 */
class ReplayMetricsEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "shpss_replay_metrics";
    private static final String METRICS_TOKEN = "metrics-token-for-replays";
    private static final String ADMIN_TOKEN = "admin-token-for-replays";

    @TempDir
    Path dir;

    private static double deadLettered(PrometheusText metrics) {
        return metrics.count("inbound_worker_events_total", Map.of("provider", "shopify", "outcome", "dead_lettered"));
    }

    private static double replays(PrometheusText metrics, String mode, String outcome) {
        return metrics.count("inbound_replays_total", Map.of("mode", mode, "outcome", outcome));
    }

    @Test
    void eachReplayCountsOnceUnderItsOutcomeAndOnlyTheWorkerCountsDeadLetters() throws Exception {
        Properties settings = new Properties();
        settings.put("inbound.provider.shopify.secret", SECRET);
        settings.put("inbound.admin.token", ADMIN_TOKEN);
        settings.put("inbound.metrics.token", METRICS_TOKEN);
        try (InProcessInbound server = InProcessInbound.create(dir.resolve("data"), settings).start()) {
            WebhookClient client = server.client();
            byte[] invalid = Webhooks.unique("shopify/orders-create-invalid.json");
            HttpResponse<String> accepted = client.post("shopify", invalid, Webhooks.shopify(invalid, SECRET, UUID.randomUUID().toString(),
                    "replays.myshopify.com", "orders/create"));
            String eventId = JSON.readTree(accepted.body()).path("id").asText();
            await().atMost(Duration.ofSeconds(30)).until(() -> deadLettered(metrics(client)) == 1);

            // still invalid: the direct replay fails, and its dead letter stays the one it was
            assertThat(client.operatorPost("/dead-letters/" + eventId + "/replay?mode=direct", "", ADMIN_TOKEN).statusCode()).isEqualTo(200);
            assertThat(replays(metrics(client), "direct", "failed")).isEqualTo(1);
            assertThat(deadLettered(metrics(client))).isEqualTo(1);

            // back on the queue, the worker dead-letters it anew
            assertThat(replay(client, eventId).statusCode()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(30)).until(() -> deadLettered(metrics(client)) == 2);
            assertThat(replays(metrics(client), "queue", "moved")).isEqualTo(1);

            // the dead letter can still be received, but no longer be put back on the main queue
            String mainQueue = server.sqsClient().getQueueUrl(GetQueueUrlRequest.builder().queueName("webhook-events.fifo").build()).queueUrl();
            server.sqsClient().deleteQueue(DeleteQueueRequest.builder().queueUrl(mainQueue).build());
            HttpResponse<String> failedMove = replay(client, eventId);

            assertThat(failedMove.statusCode()).as(failedMove.body()).isGreaterThanOrEqualTo(500);
            PrometheusText metrics = metrics(client);
            assertThat(replays(metrics, "queue", "moved")).isEqualTo(1);
            assertThat(replays(metrics, "queue", "failed")).isEqualTo(1);
            assertThat(replays(metrics, "direct", "processed")).isZero();
            assertThat(deadLettered(metrics)).isEqualTo(2);
            // ... nor to the console: its overview counts the one replay that moved, and the timeline forgets the failed one
            JsonNode shopify = JSON.readTree(client.operatorGet("/overview", ADMIN_TOKEN).body()).path("windows").path("lastHour").path("providers").get(0);
            assertThat(shopify.path("provider").asText()).isEqualTo("shopify");
            assertThat(shopify.path("replayed").asLong()).isEqualTo(1);
            JsonNode event = JSON.readTree(client.operatorGet("/events/" + eventId, ADMIN_TOKEN).body());
            assertThat(event.path("status").asText()).isEqualTo("dead_lettered");
            List<String> timeline = event.path("timeline").findValuesAsText("status");
            assertThat(timeline).last().isEqualTo("dead_lettered");
            assertThat(timeline).filteredOn("replayed"::equals).hasSize(1);
        }
    }

    private static HttpResponse<String> replay(WebhookClient client, String eventId) {
        return client.operatorPost("/dead-letters/replay", "{\"ids\": [\"" + eventId + "\"]}", ADMIN_TOKEN);
    }

    private static PrometheusText metrics(WebhookClient client) {
        return PrometheusText.scrape(client, METRICS_TOKEN);
    }
}
