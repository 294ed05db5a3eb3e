package inbound.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import inbound.testing.InProcessInbound;
import inbound.testing.WebhookClient;
import inbound.testing.Webhooks;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /metrics} on a running server: after accepted, refused and processed webhooks, the Prometheus text
 * counts each under its declared name and bounded tags, with the queues' depth and the JVM's meters; with
 * {@code inbound.metrics.token} set it asks for it, without it is open.
 */
class MetricsEndToEndTest {

    private static final String SECRET = "shpss_metrics";
    private static final String METRICS_TOKEN = "metrics-token-for-tests";

    @TempDir
    Path dir;

    private static Properties settings(boolean withToken) {
        Properties properties = new Properties();
        properties.put("inbound.provider.shopify.secret", SECRET);
        if (withToken) {
            properties.put("inbound.metrics.token", METRICS_TOKEN);
        }
        return properties;
    }

    private static void send(WebhookClient client, String secret, int expected) {
        byte[] body = Webhooks.utf8(Webhooks.payload("shopify/orders-create.json").replaceFirst("\\{", "{\"test_metrics\": \"" + UUID.randomUUID() + "\","));
        HttpResponse<String> answer = client.post("shopify", body, Webhooks.shopify(body, secret, UUID.randomUUID().toString(),
                "metrics.myshopify.com", "orders/create"));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(expected);
    }

    @Test
    void shouldCountWhatIngestAnsweredAndTheWorkerDidUnderTheDeclaredNames() throws Exception {
        try (InProcessInbound server = InProcessInbound.create(dir.resolve("data"), settings(true)).start()) {
            WebhookClient client = server.client();
            send(client, SECRET, 202);
            send(client, SECRET, 202);
            send(client, "not-the-secret", 401);
            assertThat(client.post("nobody", new byte[] {'{', '}'}, Map.of("Content-Type", "application/json")).statusCode())
                    .isEqualTo(404);

            assertThat(client.get("/metrics").statusCode()).isEqualTo(401);
            await().atMost(Duration.ofSeconds(30)).until(() -> client.operatorGet("/metrics", METRICS_TOKEN).body()
                    .contains("inbound_worker_events_total{outcome=\"processed\",provider=\"shopify\"} 2.0"));
            HttpResponse<String> scraped = client.operatorGet("/metrics", METRICS_TOKEN);

            assertThat(scraped.statusCode()).isEqualTo(200);
            assertThat(scraped.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
            assertThat(scraped.body()).contains(
                    "inbound_ingest_requests_total{provider=\"shopify\",reason=\"accepted\",status=\"202\"} 2.0",
                    "inbound_ingest_requests_total{provider=\"shopify\",reason=\"invalid_signature\",status=\"401\"} 1.0",
                    "inbound_ingest_requests_total{provider=\"unknown\",reason=\"unknown_provider\",status=\"404\"} 1.0",
                    "inbound_ingest_duration_seconds_count{provider=\"shopify\"} 3",
                    "inbound_end_to_end_seconds_count{provider=\"shopify\"} 2",
                    "inbound_queue_messages{queue=\"main\",state=\"visible\"} 0.0",
                    "inbound_queue_messages{queue=\"dlq\",state=\"in_flight\"} 0.0",
                    "jvm_memory_used_bytes");
            assertThat(scraped.body()).doesNotContain("nobody", "metrics.myshopify.com", SECRET, METRICS_TOKEN);
        }
    }

    @Test
    void shouldLeaveTheMetricsOpenWhenNoTokenIsSet() throws Exception {
        try (InProcessInbound server = InProcessInbound.create(dir.resolve("open"), settings(false)).start()) {
            HttpResponse<String> scraped = server.client().get("/metrics");

            assertThat(scraped.statusCode()).isEqualTo(200);
            assertThat(scraped.body()).contains("inbound_queue_messages{queue=\"main\",state=\"visible\"}");
        }
    }
}
