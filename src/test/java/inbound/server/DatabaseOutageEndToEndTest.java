package inbound.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import inbound.testing.FreePort;
import inbound.testing.QueueReader;
import inbound.testing.TestPostgres;
import inbound.testing.WebhookClient;
import inbound.testing.Webhooks;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worker's PostgreSQL down for longer than the queue's receives of a message would last: the
 * worker stops taking messages instead of receiving each one into the dead-letter queue, and resumes
 * by itself once the database answers again.
 */
class DatabaseOutageEndToEndTest {

    private static final String SECRET = "shpss_outage";
    private static final String ADMIN_TOKEN = "operator-token-for-tests";
    private static final int MAX_RECEIVE_COUNT = 3;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private TestPostgres postgres;
    private Main server;
    private int httpPort;
    private int sqsPort;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        postgres = TestPostgres.start(dir.resolve("postgres"));
        httpPort = FreePort.find();
        sqsPort = FreePort.find();
        Properties properties = new Properties();
        properties.put("inbound.http.port", String.valueOf(httpPort));
        properties.put("inbound.http.host", "127.0.0.1");
        properties.put("inbound.sqs.port", String.valueOf(sqsPort));
        properties.put("inbound.data-dir", dir.resolve("data").toString());
        properties.put("inbound.provider.shopify.secret", SECRET);
        properties.put("inbound.admin.token", ADMIN_TOKEN);
        properties.put("inbound.db.url", postgres.jdbcUrl());
        properties.put("inbound.db.user", postgres.user());
        properties.put("inbound.db.password", postgres.password());
        properties.put("inbound.db.connect-timeout-ms", "250");
        // a message comes again 4 s after a failed receive: three receives take about 12 s; a failed
        // attempt (no retry, 250 ms) ends well within the 2 s in which a receive's messages are started
        properties.put("inbound.worker.visibility-timeout-seconds", "4");
        properties.put("inbound.worker.wait-seconds", "1");
        properties.put("inbound.worker.retries", "0");
        properties.put("inbound.queue.max-receive-count", String.valueOf(MAX_RECEIVE_COUNT));
        properties.put("inbound.worker.circuit-breaker.failures", "2");
        properties.put("inbound.worker.circuit-breaker.probe-interval-ms", "500");
        server = InboundServer.create(properties);
        server.start();
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
        postgres.close();
    }

    private String send(WebhookClient client, String shop) throws Exception {
        // a body of its own: Shopify's event id comes from topic and body
        byte[] body = Webhooks.payload("shopify/orders-create.json")
                .replaceFirst("\\{", "{\"test_shop\": \"" + shop + "\",").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> response = client.post("shopify", body, Webhooks.shopify(body, SECRET, UUID.randomUUID().toString(), shop, "orders/create"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return JSON.readTree(response.body()).path("id").asText();
    }

    private JsonNode event(String eventId) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/events/" + eventId))
                .header("Authorization", "Bearer " + ADMIN_TOKEN).build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 ? JSON.readTree(response.body()) : JSON.createObjectNode();
    }

    private int deadLetterCount() {
        try (QueueReader deadLetters = new QueueReader(sqsPort, "webhook-events-dlq.fifo")) {
            return Integer.parseInt(deadLetters.queueAttributes().get("ApproximateNumberOfMessages"))
                    + Integer.parseInt(deadLetters.queueAttributes().get("ApproximateNumberOfMessagesNotVisible"));
        }
    }

    @Test
    void shouldStopTakingMessagesWhileTheDatabaseIsDownAndProcessEveryOneOnceAfter() throws Exception {
        WebhookClient client = new WebhookClient(httpPort);
        postgres.stop();
        List<String> sent = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                sent.add(send(client, "outage-" + i + ".myshopify.com"));
            }
            // twice as long as the queue's receives of a message would take: none reaches the dead-letter queue
            await().during(Duration.ofSeconds(18)).atMost(Duration.ofSeconds(25)).until(() -> deadLetterCount() == 0);
        } finally {
            postgres.restart();
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> {
            for (String eventId : sent) {
                if (!event(eventId).path("status").asText().equals("processed")) {
                    return false;
                }
            }
            return true;
        });
        assertThat(deadLetterCount()).isZero();
        for (String eventId : sent) {
            assertThat(event(eventId).path("receiveCount").asInt()).as(eventId).isLessThan(MAX_RECEIVE_COUNT);
        }
    }
}
