package inbound.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import inbound.testing.InProcessInbound;
import inbound.testing.PrometheusText;
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
 * {@code GET /metrics} on a running server, read with a Prometheus text parser: after known numbers of accepted,
 * refused (by reason), processed and dead-lettered webhooks, each counter under its declared name and bounded
 * tags moved by exactly that, with the queues' depth and the JVM's meters; with
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

    private static void send(WebhookClient client, String payload, String secret, int expected) {
        byte[] body = Webhooks.unique(payload);
        HttpResponse<String> answer = client.post("shopify", body, Webhooks.shopify(body, secret, UUID.randomUUID().toString(),
                "metrics.myshopify.com", "orders/create"));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(expected);
    }

    private static PrometheusText scrape(WebhookClient client) {
        return PrometheusText.scrape(client, METRICS_TOKEN);
    }

    private static double worker(PrometheusText metrics, String outcome) {
        return metrics.count("inbound_worker_events_total", Map.of("provider", "shopify", "outcome", outcome));
    }

    @Test
    void shouldCountWhatIngestAnsweredAndTheWorkerDidUnderTheDeclaredNames() throws Exception {
        try (InProcessInbound server = InProcessInbound.create(dir.resolve("data"), settings(true)).start()) {
            WebhookClient client = server.client();
            send(client, "shopify/orders-create.json", SECRET, 202);
            send(client, "shopify/orders-create.json", SECRET, 202);
            send(client, "shopify/orders-create-invalid.json", SECRET, 202);
            send(client, "shopify/orders-create.json", "not-the-secret", 401);
            assertThat(client.post("nobody", new byte[] {'{', '}'}, Map.of("Content-Type", "application/json")).statusCode())
                    .isEqualTo(404);

            assertThat(client.get("/metrics").statusCode()).isEqualTo(401);
            await().atMost(Duration.ofSeconds(30)).until(() -> worker(scrape(client), "processed") == 2 && worker(scrape(client), "dead_lettered") == 1);
            HttpResponse<String> scraped = client.operatorGet("/metrics", METRICS_TOKEN);
            PrometheusText metrics = PrometheusText.parse(scraped.body());

            assertThat(scraped.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
            assertThat(metrics.count("inbound_ingest_requests_total", Map.of("provider", "shopify", "reason", "accepted", "status", "202"))).isEqualTo(3);
            assertThat(metrics.count("inbound_ingest_requests_total", Map.of("provider", "shopify", "reason", "invalid_signature", "status", "401")))
                    .isEqualTo(1);
            assertThat(metrics.count("inbound_ingest_requests_total", Map.of("provider", "unknown", "reason", "unknown_provider", "status", "404")))
                    .isEqualTo(1);
            assertThat(metrics.count("inbound_ingest_duration_seconds_count", Map.of("provider", "shopify"))).isEqualTo(4);
            assertThat(metrics.count("inbound_end_to_end_seconds_count", Map.of("provider", "shopify"))).isEqualTo(2);
            assertThat(metrics.value("inbound_queue_messages", Map.of("queue", "main", "state", "visible"))).hasValue(0.0);
            assertThat(metrics.value("inbound_queue_messages", Map.of("queue", "dlq", "state", "visible"))).hasValue(1.0);
            assertThat(metrics.value("inbound_queue_messages", Map.of("queue", "dlq", "state", "in_flight"))).hasValue(0.0);
            assertThat(metrics.samples()).anySatisfy(sample -> assertThat(sample.name()).isEqualTo("jvm_memory_used_bytes"));
            assertThat(scraped.body()).doesNotContain("nobody", "metrics.myshopify.com", SECRET, METRICS_TOKEN);
        }
    }

    @Test
    void shouldLeaveTheMetricsOpenWhenNoTokenIsSet() throws Exception {
        try (InProcessInbound server = InProcessInbound.create(dir.resolve("open"), settings(false)).start()) {
            HttpResponse<String> scraped = server.client().get("/metrics");

            assertThat(scraped.statusCode()).isEqualTo(200);
            assertThat(PrometheusText.parse(scraped.body()).value("inbound_queue_messages", Map.of("queue", "main", "state", "visible"))).isPresent();
        }
    }
}
