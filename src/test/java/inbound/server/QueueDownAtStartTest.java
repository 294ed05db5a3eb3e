package inbound.server;

import static inbound.testing.Webhooks.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import inbound.embedded.EmbeddedSqsServer;
import inbound.queue.QueueSettings;
import inbound.testing.FreePort;
import inbound.testing.WebhookClient;
import inbound.testing.Webhooks;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inbound pointed at an SQS endpoint (INBOUND_SQS_ENDPOINT) where nothing listens yet: it starts all
 * the same, tells providers 503 with Retry-After and /health 503, and recovers by itself once the
 * queue is there.
 */
class QueueDownAtStartTest {

    private static final String SECRET = "shpss_queue_down_at_start";
    private static final String ADMIN_TOKEN = "operator-token-for-tests";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void shouldStartWithoutTheQueueAnswer503AndRecoverWhenTheQueueComesUp() throws Exception {
        int sqsPort = FreePort.find();
        int httpPort = FreePort.find();
        // the SDK's default credential chain is used for an external endpoint
        System.setProperty("aws.accessKeyId", "test");
        System.setProperty("aws.secretAccessKey", "test");
        Properties properties = new Properties();
        properties.put("inbound.sqs.endpoint", "http://127.0.0.1:" + sqsPort);
        properties.put("inbound.http.port", String.valueOf(httpPort));
        properties.put("inbound.http.host", "127.0.0.1");
        properties.put("inbound.data-dir", dir.resolve("data").toString());
        properties.put("inbound.provider.shopify.secret", SECRET);
        properties.put("inbound.admin.token", ADMIN_TOKEN);
        Main server = InboundServer.create(properties);
        server.start();
        EmbeddedSqsServer queue = null;
        try {
            WebhookClient client = new WebhookClient(httpPort);
            // valid for the worker's schema of app/uninstalled
            byte[] body = utf8("{\"id\": 1, \"domain\": null}");

            assertThat(client.get("/health").statusCode()).isEqualTo(503);
            HttpResponse<String> refused = client.post("shopify", body, Webhooks.shopify(body, SECRET, "while-down", "acme.myshopify.com", "app/uninstalled"));
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("5");
            assertThat(JSON.readTree(refused.body()).path("error").asText()).isEqualTo("queue_unavailable");

            queue = EmbeddedSqsServer.start("127.0.0.1", sqsPort, dir.resolve("queue"),
                    new QueueSettings("webhook-events.fifo", "webhook-events-dlq.fifo", 5), Duration.ofSeconds(60));

            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                    .until(() -> client.get("/health").statusCode() == 200);
            HttpResponse<String> accepted = client.post("shopify", body, Webhooks.shopify(body, SECRET, "after-recovery", "acme.myshopify.com", "app/uninstalled"));
            assertThat(accepted.statusCode()).isEqualTo(202);
            String eventId = JSON.readTree(accepted.body()).path("id").asText();
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .until(() -> status(httpPort, eventId), "processed"::equals);
        } finally {
            server.stop();
            if (queue != null) {
                queue.close();
            }
        }
    }

    private static String status(int httpPort, String eventId) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/events/" + eventId))
                        .header("Authorization", "Bearer " + ADMIN_TOKEN).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body()).path("status").asText();
    }
}
