package inbound.server;

import static inbound.testing.Webhooks.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import inbound.embedded.EmbeddedSqsServer;
import inbound.queue.QueueSettings;
import inbound.testing.FreePort;
import inbound.testing.WebhookClient;
import inbound.testing.Webhooks;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inbound pointed at an SQS endpoint of its own (INBOUND_SQS_ENDPOINT), which then goes away: the
 * provider is told 503 with Retry-After, never 202.
 */
class QueueDownTest {

    private static final String SECRET = "shpss_queue_down";

    @TempDir
    Path dataDir;

    @Test
    void shouldAnswer503WithRetryAfterAndAcceptNothingWhenTheQueueIsGone() throws Exception {
        int sqsPort = FreePort.find();
        int httpPort = FreePort.find();
        EmbeddedSqsServer externalQueue = EmbeddedSqsServer.start("127.0.0.1", sqsPort, dataDir,
                new QueueSettings("webhook-events.fifo", "webhook-events-dlq.fifo", 5), Duration.ofSeconds(60));
        Properties properties = ExternalQueueSettings.of("http://127.0.0.1:" + sqsPort, httpPort, SECRET);
        properties.put("inbound.sqs.call-timeout-ms", "2000");
        Main server = InboundServer.create(properties);
        server.start();
        try {
            WebhookClient client = new WebhookClient(httpPort);
            byte[] body = utf8("{\"id\": 1}");
            assertThat(client.post("shopify", body, Webhooks.shopify(body, SECRET, "before", "acme.myshopify.com", "orders/create")).statusCode())
                    .isEqualTo(202);

            externalQueue.close();
            HttpResponse<String> refused = client.post("shopify", body, Webhooks.shopify(body, SECRET, "after", "acme.myshopify.com", "orders/create"));
            HttpResponse<String> health = client.get("/health");

            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("5");
            JsonNode error = new ObjectMapper().readTree(refused.body());
            assertThat(error.path("error").asText()).isEqualTo("queue_unavailable");
            assertThat(error.has("id")).isFalse();
            assertThat(health.statusCode()).isEqualTo(503);
        } finally {
            server.stop();
        }
    }
}
