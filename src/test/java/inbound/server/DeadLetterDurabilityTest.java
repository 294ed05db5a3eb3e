package inbound.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import inbound.queue.EventAttributes;
import inbound.testing.FreePort;
import inbound.testing.InboundProcess;
import inbound.testing.QueueReader;
import inbound.testing.Webhooks;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every event that fails until its receive limit is moved to the dead-letter queue, and a SIGKILL
 * while events are being moved loses none of them: each is afterwards in the queue or in the
 * dead-letter queue.
 */
class DeadLetterDurabilityTest {

    private static final String SECRET = "shpss_moves";
    private static final int EVENTS = 150;

    @TempDir
    Path dir;

    private static int messages(QueueReader queue) {
        Map<String, String> attributes = queue.queueAttributes();
        return Integer.parseInt(attributes.get("ApproximateNumberOfMessages")) + Integer.parseInt(attributes.get("ApproximateNumberOfMessagesNotVisible"));
    }

    @Test
    void shouldKeepEveryEventBeingMovedToTheDeadLetterQueueAcrossAKill9() throws Exception {
        int httpPort = FreePort.find();
        int sqsPort = FreePort.find();
        Map<String, String> environment = new HashMap<>(Map.of(
                "INBOUND_SQS_PORT", String.valueOf(sqsPort),
                "INBOUND_DATA_DIR", dir.resolve("data").toString(),
                "INBOUND_PROVIDER_SHOPIFY_SECRET", SECRET,
                // a database nobody listens on: every event fails transiently, on every receive
                "INBOUND_DB_URL", "jdbc:postgresql://127.0.0.1:" + FreePort.find() + "/inbound",
                "INBOUND_DB_CONNECT_AT_START", "false",
                "INBOUND_DB_CONNECT_TIMEOUT_MS", "250",
                "INBOUND_WORKER_RETRIES", "0",
                "INBOUND_WORKER_VISIBILITY_TIMEOUT_SECONDS", "1",
                "INBOUND_QUEUE_MAX_RECEIVE_COUNT", "1"));
        // this test is about the moves, not the pause an outage of the database would otherwise bring
        environment.put("INBOUND_WORKER_CIRCUIT_BREAKER_FAILURES", "1000000");
        ObjectMapper json = new ObjectMapper();
        Set<String> accepted = new HashSet<>();

        try (InboundProcess first = InboundProcess.start(environment, httpPort, dir.resolve("first.log"));
                QueueReader deadLetters = new QueueReader(sqsPort, "webhook-events-dlq.fifo")) {
            for (int i = 0; i < EVENTS; i++) {
                byte[] body = ("{\"id\": " + i + "}").getBytes(StandardCharsets.UTF_8);
                HttpResponse<String> response = first.client().post("shopify", body,
                        Webhooks.shopify(body, SECRET, "delivery-" + i, "shop-" + (i % 30) + ".myshopify.com", "orders/create"));
                assertThat(response.statusCode()).isEqualTo(202);
                accepted.add(json.readTree(response.body()).path("id").asText());
            }
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(20)).until(() -> messages(deadLetters) >= EVENTS / 2);
            first.kill();
        }

        environment.put("INBOUND_WORKER_ENABLED", "false");
        try (InboundProcess second = InboundProcess.start(environment, httpPort, dir.resolve("second.log"));
                QueueReader queue = new QueueReader(sqsPort, "webhook-events.fifo");
                QueueReader deadLetters = new QueueReader(sqsPort, "webhook-events-dlq.fifo")) {
            Set<String> kept = new HashSet<>();
            queue.drain().forEach(message -> kept.add(QueueReader.attribute(message, EventAttributes.EVENT_ID)));
            deadLetters.drain().forEach(message -> kept.add(QueueReader.attribute(message, EventAttributes.EVENT_ID)));

            assertThat(kept).containsAll(accepted);
        }
    }
}
