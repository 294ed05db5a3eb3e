package inbound.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import inbound.queue.EventAttributes;
import inbound.testing.FreePort;
import inbound.testing.InboundProcess;
import inbound.testing.ProcessedEvents;
import inbound.testing.QueueReader;
import inbound.testing.StoredPayloads;
import inbound.testing.Webhooks;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Every event that fails until its receive limit is moved to the dead-letter queue, and a SIGKILL
 * while events are being moved — there by the worker, or back by an operator's replay — loses none of
 * them: each is afterwards in the queue or in the dead-letter queue.
 */
class DeadLetterDurabilityTest {

    private static final String SECRET = "shpss_moves";
    private static final int EVENTS = 150;
    /** Dead letters each replay scenario replays. */
    private static final int REPLAYED = 60;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN_TOKEN = "operator-token-for-replays";

    @TempDir
    Path dir;

    /** The {@code i}-th order: one without the fields its schema requires. */
    private static byte[] order(int i) {
        return ("{\"id\": " + i + "}").getBytes(StandardCharsets.UTF_8);
    }

    /** Sends the {@code i}-th order, signed, and answers its event id once it was acknowledged. */
    private static String sendOrder(InboundProcess inbound, int i) throws IOException {
        byte[] body = order(i);
        HttpResponse<String> response = inbound.client().post("shopify", body,
                Webhooks.shopify(body, SECRET, "delivery-" + i, "shop-" + (i % 30) + ".myshopify.com", "orders/create"));
        assertThat(response.statusCode()).isEqualTo(202);
        return JSON.readTree(response.body()).path("id").asText();
    }

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
        Set<String> accepted = new HashSet<>();

        try (InboundProcess first = InboundProcess.start(environment, httpPort, dir.resolve("first.log"));
                QueueReader deadLetters = new QueueReader(sqsPort, "webhook-events-dlq.fifo")) {
            for (int i = 0; i < EVENTS; i++) {
                accepted.add(sendOrder(first, i));
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

    private Map<String, String> replayEnvironment(int sqsPort) {
        return new HashMap<>(Map.of(
                "INBOUND_SQS_PORT", String.valueOf(sqsPort),
                "INBOUND_DATA_DIR", dir.resolve("data").toString(),
                "INBOUND_PROVIDER_SHOPIFY_SECRET", SECRET,
                "INBOUND_ADMIN_TOKEN", ADMIN_TOKEN));
    }

    /** Sends {@link #REPLAYED} orders the worker dead-letters at once (their schema's fields are missing); answers their bodies by event id. */
    private Map<String, byte[]> deadLettered(Map<String, String> environment, int httpPort, int sqsPort) throws Exception {
        Map<String, byte[]> accepted = new HashMap<>();
        try (InboundProcess first = InboundProcess.start(environment, httpPort, dir.resolve("first.log"));
                QueueReader deadLetters = new QueueReader(sqsPort, "webhook-events-dlq.fifo")) {
            for (int i = 0; i < REPLAYED; i++) {
                accepted.put(sendOrder(first, i), order(i));
            }
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(20)).until(() -> messages(deadLetters) == REPLAYED);
            first.stop(Duration.ofSeconds(30));
        }
        return accepted;
    }

    /** Every event of both queues by id, with its body as the provider sent it (read back from its stored file). */
    private Map<String, byte[]> drained(QueueReader queue) {
        StoredPayloads stored = new StoredPayloads(dir.resolve("data"));
        Map<String, byte[]> bodies = new HashMap<>();
        for (Message message : queue.drain()) {
            bodies.put(QueueReader.attribute(message, EventAttributes.EVENT_ID), stored.body(message));
        }
        return bodies;
    }

    /**
     * An operator's replay moves each dead letter back to the queue (send, then delete from the
     * dead-letter queue): a SIGKILL in the middle of one loses none of them, nor their stored bodies;
     * and what a replay answered as moved is on file in the queue when the answer comes, so a SIGKILL
     * right after it keeps all of it there.
     */
    @Test
    void shouldKeepEveryEventBeingReplayedAcrossAKill9DuringAndRightAfterTheReplay() throws Exception {
        int httpPort = FreePort.find();
        int sqsPort = FreePort.find();
        Map<String, String> environment = replayEnvironment(sqsPort);
        Map<String, byte[]> accepted = deadLettered(environment, httpPort, sqsPort);

        environment.put("INBOUND_WORKER_ENABLED", "false");
        try (InboundProcess second = InboundProcess.start(environment, httpPort, dir.resolve("second.log"));
                QueueReader queue = new QueueReader(sqsPort, "webhook-events.fifo")) {
            // its answer never comes: the process is killed while it moves the dead letters
            CompletableFuture.runAsync(() -> second.client().operatorPost("/dead-letters/replay", "{\"all\": true}", ADMIN_TOKEN));
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(5)).until(() -> messages(queue) >= REPLAYED / 3);
            second.kill();
        }

        Map<String, byte[]> replayed = new HashMap<>();
        try (InboundProcess third = InboundProcess.start(environment, httpPort, dir.resolve("third.log"));
                QueueReader queue = new QueueReader(sqsPort, "webhook-events.fifo")) {
            // what the queue took since its last checkpoint is gone, and then so is its delete from the
            // dead-letter queue: how many moves survived depends on where the kill fell, none is lost
            replayed.putAll(drained(queue));

            HttpResponse<String> replay = third.client().operatorPost("/dead-letters/replay", "{\"all\": true}", ADMIN_TOKEN);
            assertThat(JSON.readTree(replay.body()).path("moved").asInt()).as(replay.body())
                    .isGreaterThanOrEqualTo(REPLAYED - replayed.size());
            third.kill();
        }

        try (InboundProcess fourth = InboundProcess.start(environment, httpPort, dir.resolve("fourth.log"));
                QueueReader queue = new QueueReader(sqsPort, "webhook-events.fifo");
                QueueReader deadLetters = new QueueReader(sqsPort, "webhook-events-dlq.fifo")) {
            replayed.putAll(drained(queue));

            assertThat(replayed.keySet()).as("every event, moved by one replay or the other").isEqualTo(accepted.keySet());
            accepted.forEach((eventId, body) -> assertThat(replayed.get(eventId)).as(eventId).isEqualTo(body));
            assertThat(drained(deadLetters)).isEmpty();
        }
    }

    /**
     * A direct replay runs a dead letter through the worker and deletes it once the row is on file: a
     * SIGKILL while dead letters are replayed one after another loses none of them — each is processed,
     * with its body, or still dead-lettered, with its stored body.
     */
    @Test
    void shouldKeepEveryEventBeingReplayedDirectlyAcrossAKill9() throws Exception {
        int httpPort = FreePort.find();
        int sqsPort = FreePort.find();
        Map<String, String> environment = replayEnvironment(sqsPort);
        Map<String, byte[]> accepted = deadLettered(environment, httpPort, sqsPort);
        // the fix: a schema every order meets
        Path fixedSchemas = Files.createDirectories(dir.resolve("schemas").resolve("shopify"));
        Files.writeString(fixedSchemas.resolve("default.json"), "{\"type\": \"object\"}");
        environment.put("INBOUND_SCHEMAS_LOCATION", "file:" + dir.resolve("schemas"));
        environment.put("INBOUND_WORKER_ENABLED", "false");

        AtomicInteger answeredProcessed = new AtomicInteger();
        try (InboundProcess second = InboundProcess.start(environment, httpPort, dir.resolve("second.log"))) {
            List<String> eventIds = List.copyOf(accepted.keySet());
            // the answers stop coming: the process is killed while it replays
            CompletableFuture.runAsync(() -> {
                for (String eventId : eventIds) {
                    HttpResponse<String> answer = second.client().operatorPost("/dead-letters/" + eventId + "/replay?mode=direct", "{}", ADMIN_TOKEN);
                    if (answer.body().contains("\"processed\"")) {
                        answeredProcessed.incrementAndGet();
                    }
                }
            });
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(5)).until(() -> answeredProcessed.get() >= REPLAYED / 3);
            second.kill();
        }

        Map<String, byte[]> stillDeadLettered;
        try (InboundProcess third = InboundProcess.start(environment, httpPort, dir.resolve("third.log"));
                QueueReader deadLetters = new QueueReader(sqsPort, "webhook-events-dlq.fifo")) {
            stillDeadLettered = drained(deadLetters);
            // stopped, not killed: the database file is closed before the test opens it
            third.stop(Duration.ofSeconds(30));
        }
        Map<String, String> processed = ProcessedEvents.payloadsById(dir.resolve("data"));

        assertThat(processed.size()).as("processed, at least those answered so").isGreaterThanOrEqualTo(answeredProcessed.get());
        accepted.forEach((eventId, body) -> {
            if (processed.containsKey(eventId)) {
                assertThat(processed.get(eventId)).as(eventId).isEqualTo(new String(body, StandardCharsets.UTF_8));
            } else {
                assertThat(stillDeadLettered.get(eventId)).as("%s: neither processed nor dead-lettered", eventId).isEqualTo(body);
            }
        });
    }
}
