package inbound.server;

import static inbound.testing.Webhooks.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One failed write inside the embedded queue's persistence (ElasticMQ restarts its persistence actor,
 * which then forgets its tables and answers every later write as done without writing it) costs no
 * acknowledged event: Inbound answers 503 for everything the queue did not put on file, a provider's
 * retry included, starts the embedded queue again from its file by itself, and from then on what it
 * acknowledges is on file again.
 */
class EmbeddedQueuePersistenceTest {

    private static final String SECRET = "shpss_persist";
    private static final int EVENTS = 40;

    @TempDir
    Path dir;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void shouldAcknowledgeOnlyWhatTheQueueWroteToItsFileAndPersistAgainWithoutARestart() throws Exception {
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
            accept(send(first, "before", "{\"id\": \"before\"}"), accepted);
            first.kill();
        }
        assertThat(accepted).hasSize(1);
        FailingInsertTrigger.install(EmbeddedSqsServer.databaseUrl(data), ElasticMqMessageTable.of("webhook-events.fifo"));

        try (InboundProcess second = InboundProcess.start(environment, httpPort, dir.resolve("second.log"))) {
            String refused = "{\"id\": \"poison\", \"note\": \"" + FailingInsertTrigger.MARKER + "\"}";
            String poison = "poison-" + FailingInsertTrigger.MARKER;
            assertThat(send(second, poison, refused).statusCode()).as("the event whose write failed").isEqualTo(503);
            assertThat(send(second, poison, refused).statusCode()).as("its retry: only in the queue's memory").isEqualTo(503);

            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .untilAsserted(() -> assertThat(second.client().get("/health").statusCode()).as("healthy again by itself").isEqualTo(200));
            // as a provider would: each retried until it is acknowledged
            for (int i = 0; i < EVENTS; i++) {
                String delivery = "delivery-" + i;
                String body = "{\"id\": " + i + "}";
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> accept(send(second, delivery, body), accepted));
            }
            second.kill();
        }

        try (InboundProcess third = InboundProcess.start(environment, httpPort, dir.resolve("third.log"));
                QueueReader queue = new QueueReader(sqsPort, "webhook-events.fifo")) {
            Set<String> queued = new HashSet<>();
            queue.drain().forEach(message -> queued.add(QueueReader.attribute(message, EventAttributes.EVENT_ID)));
            assertThat(accepted).hasSize(1 + EVENTS);
            assertThat(queued).as("every event answered 202 is queued after kill -9 and restart").isEqualTo(accepted);
        }
    }

    private static HttpResponse<String> send(InboundProcess inbound, String delivery, String text) {
        byte[] body = utf8(text);
        return inbound.client().post("shopify", body, Webhooks.shopify(body, SECRET, delivery, "shop-" + (delivery.hashCode() % 4) + ".myshopify.com", "orders/create"));
    }

    /** Whether it was acknowledged; if so, its event id is added to {@code accepted}. */
    private boolean accept(HttpResponse<String> response, Set<String> accepted) throws Exception {
        if (response.statusCode() != 202) {
            return false;
        }
        accepted.add(json.readTree(response.body()).path("id").asText());
        return true;
    }
}
