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

/**
 * The console's overview and {@code GET /metrics} on one running server give the same figures for what the worker
 * did: after known numbers of processed and dead-lettered events and of direct replays that failed, each window of
 * the overview and its chart count what the counters count — a failed direct replay is no new dead letter.
 */
class OverviewMetricsAgreementEndToEndTest {

    private static final String SECRET = "shpss_overview_metrics";
    private static final String METRICS_TOKEN = "metrics-token-for-the-overview";
    private static final String ADMIN_TOKEN = "admin-token-for-the-overview";
    private static final Map<String, String> SETTINGS = Map.of("inbound.provider.shopify.secret", SECRET,
            "inbound.admin.token", ADMIN_TOKEN, "inbound.metrics.token", METRICS_TOKEN);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static double worker(PrometheusText metrics, String outcome) {
        return metrics.count("inbound_worker_events_total", Map.of("provider", "shopify", "outcome", outcome));
    }

    @Test
    void theOverviewCountsWhatTheMetricsCountAfterFailedDirectReplays() throws Exception {
        Properties settings = new Properties();
        settings.putAll(SETTINGS);
        try (InProcessInbound server = InProcessInbound.create(dir.resolve("data"), settings).start()) {
            WebhookClient client = server.client();
            send(client, "shopify/orders-create.json");
            send(client, "shopify/orders-create.json");
            String first = send(client, "shopify/orders-create-invalid.json");
            String second = send(client, "shopify/orders-create-invalid.json");
            await().atMost(Duration.ofSeconds(30)).until(() -> worker(scrape(client), "processed") == 2 && worker(scrape(client), "dead_lettered") == 2);

            // still invalid: each direct replay fails, and its dead letter stays where it was
            for (String eventId : List.of(first, first, second)) {
                HttpResponse<String> answer = client.operatorPost("/dead-letters/" + eventId + "/replay?mode=direct", "", ADMIN_TOKEN);
                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
                assertThat(JSON.readTree(answer.body()).path("outcome").asText()).isEqualTo("failed");
            }

            PrometheusText metrics = scrape(client);
            assertThat(metrics.count("inbound_replays_total", Map.of("mode", "direct", "outcome", "failed"))).isEqualTo(3);
            assertThat(worker(metrics, "dead_lettered")).isEqualTo(2);
            JsonNode overview = JSON.readTree(client.operatorGet("/overview", ADMIN_TOKEN).body());
            for (String window : List.of("lastHour", "last24Hours")) {
                JsonNode shopify = overview.path("windows").path(window).path("providers").get(0);
                assertThat(shopify.path("provider").asText()).isEqualTo("shopify");
                assertThat(shopify.path("processed").asDouble()).as(window).isEqualTo(worker(metrics, "processed"));
                assertThat(shopify.path("deadLettered").asDouble()).as(window).isEqualTo(worker(metrics, "dead_lettered"));
                assertThat(shopify.path("replayed").asDouble()).as(window)
                        .isEqualTo(metrics.count("inbound_replays_total", Map.of("mode", "queue", "outcome", "moved")));
            }
            assertThat(overview.path("perMinute").findValues("deadLettered").stream().mapToDouble(JsonNode::asDouble).sum())
                    .isEqualTo(worker(metrics, "dead_lettered"));
            assertThat(overview.path("perMinute").findValues("processed").stream().mapToDouble(JsonNode::asDouble).sum())
                    .isEqualTo(worker(metrics, "processed"));
        }
    }

    private static String send(WebhookClient client, String payload) throws Exception {
        byte[] body = Webhooks.unique(payload);
        HttpResponse<String> accepted = client.post("shopify", body, Webhooks.shopify(body, SECRET, UUID.randomUUID().toString(),
                "overview.myshopify.com", "orders/create"));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        return JSON.readTree(accepted.body()).path("id").asText();
    }

    private static PrometheusText scrape(WebhookClient client) {
        return PrometheusText.scrape(client, METRICS_TOKEN);
    }
}
