package inbound.server;

import static inbound.testing.Webhooks.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import inbound.embedded.ElasticMqMessageTable;
import inbound.embedded.EmbeddedSqsServer;
import inbound.queue.EventAttributes;
import inbound.testing.FailingInsertTrigger;
import inbound.testing.FreePort;
import inbound.testing.InboundProcess;
import inbound.testing.QueueReader;
import inbound.testing.Webhooks;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One failed write inside the embedded queue's persistence (ElasticMQ restarts its persistence actor,
 * which then forgets its tables and answers every later write as done without writing it) costs no
 * acknowledged event: Inbound answers 503 for everything the queue did not put on file, a provider's
 * retry included, says so on {@code /health}, and a restart persists again.
 */
class EmbeddedQueuePersistenceTest {

    private static final String SECRET = "shpss_persist";
    private static final int EVENTS = 40;

    @TempDir
    Path dir;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void shouldAcknowledgeOnlyWhatTheQueueWroteToItsFileAfterAPersistenceFailure() throws Exception {
        int httpPort = FreePort.find();
        int sqsPort = FreePort.find();
        Path data = dir.resolve("data");
        Map<String, String> environment = Map.of(
                "INBOUND_SQS_PORT", String.valueOf(sqsPort),
                "INBOUND_DATA_DIR", data.toString(),
                "INBOUND_PROVIDER_SHOPIFY_SECRET", SECRET,
                "INBOUND_WORKER_ENABLED", "false");
        Set<String> accepted = new HashSet<>();

        try (InboundProcess first = InboundProcess.start(environment, httpPort, dir.resolve("first.log"))) {
            // one accepted event makes the queue's tables durable, so that the trigger can be put on them
            assertThat(send(first, "before", "{\"id\": \"before\"}").statusCode()).isEqualTo(202);
            first.kill();
        }
        FailingInsertTrigger.install(EmbeddedSqsServer.databaseUrl(data), ElasticMqMessageTable.of("webhook-events.fifo"));

        List<Integer> answers = new ArrayList<>();
        HttpResponse<String> healthAfterFailure;
        try (InboundProcess second = InboundProcess.start(environment, httpPort, dir.resolve("second.log"))) {
            String refused = "{\"id\": \"poison\", \"note\": \"" + FailingInsertTrigger.MARKER + "\"}";
            String poison = "poison-" + FailingInsertTrigger.MARKER;
            assertThat(send(second, poison, refused).statusCode()).isEqualTo(503);
            HttpResponse<String> retry = send(second, poison, refused);
            answers.add(retry.statusCode());
            accept(retry, accepted);
            for (int i = 0; i < EVENTS; i++) {
                HttpResponse<String> response = send(second, "delivery-" + i, "{\"id\": " + i + "}");
                answers.add(response.statusCode());
                accept(response, accepted);
            }
            healthAfterFailure = second.client().get("/health");
            second.kill();
        }

        try (InboundProcess third = InboundProcess.start(environment, httpPort, dir.resolve("third.log"));
                QueueReader queue = new QueueReader(sqsPort, "webhook-events.fifo")) {
            Set<String> queued = new HashSet<>();
            queue.drain().forEach(message -> queued.add(QueueReader.attribute(message, EventAttributes.EVENT_ID)));
            assertThat(queued).as("every event answered 202 is queued after kill -9 and restart").containsAll(accepted);
            assertThat(answers).as("after the failure nothing is acknowledged that is only in memory").containsOnly(503);
            assertThat(healthAfterFailure.statusCode()).isEqualTo(503);
            assertThat(json.readTree(healthAfterFailure.body()).path("queue").asText()).isEqualTo("DOWN");
            assertThat(json.readTree(healthAfterFailure.body()).path("reason").asText()).contains("restart");

            // after the restart the queue persists again: the providers' retries are accepted and kept
            Set<String> retried = new HashSet<>();
            for (int i = 0; i < EVENTS; i++) {
                HttpResponse<String> response = send(third, "delivery-" + i, "{\"id\": " + i + "}");
                assertThat(response.statusCode()).isEqualTo(202);
                accept(response, retried);
            }
            Set<String> queuedAfterRetry = new HashSet<>();
            queue.drain().forEach(message -> queuedAfterRetry.add(QueueReader.attribute(message, EventAttributes.EVENT_ID)));
            assertThat(queuedAfterRetry).isEqualTo(retried);
        }
    }

    private static HttpResponse<String> send(InboundProcess inbound, String delivery, String text) {
        byte[] body = utf8(text);
        return inbound.client().post("shopify", body, Webhooks.shopify(body, SECRET, delivery, "shop-" + (delivery.hashCode() % 4) + ".myshopify.com", "orders/create"));
    }

    private void accept(HttpResponse<String> response, Set<String> accepted) throws Exception {
        if (response.statusCode() == 202) {
            accepted.add(json.readTree(response.body()).path("id").asText());
        }
    }
}
