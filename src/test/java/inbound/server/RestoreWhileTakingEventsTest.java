package inbound.server;

import static inbound.testing.Webhooks.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import inbound.testing.FreePort;
import inbound.testing.InboundProcess;
import inbound.testing.QueueReader;
import inbound.testing.StoredPayloads;
import inbound.testing.Webhooks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * A restart with a backlog is healthy at once: while the embedded queue sends its stored messages again,
 * one message group after another, Inbound takes the events of the groups that are whole again and of new
 * ones, answers those of a group still waiting 503 {@code queue_restoring}, and refuses replays; a SIGKILL
 * in the middle loses nothing, and every group comes out in the order it was sent.
 */
class RestoreWhileTakingEventsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "shpss_restore";
    private static final String ADMIN_TOKEN = "operator-token-while-restoring";
    /** Re-sent in this order (of their group ids): the first is whole again long before the last. */
    private static final List<String> SHOPS = List.of("shop-a", "shop-m", "shop-z");
    private static final int PER_SHOP = 300;

    @TempDir
    Path dir;

    @Test
    void shouldTakeEventsOfWholeGroupsWhileRestoringAndKeepEveryGroupsOrderAcrossAKill9() throws Exception {
        int httpPort = FreePort.find();
        int sqsPort = FreePort.find();
        Map<String, String> environment = new HashMap<>(InboundProcess.embeddedQueueWithoutWorker(sqsPort, dir.resolve("data"), SECRET));
        environment.put("INBOUND_ADMIN_TOKEN", ADMIN_TOKEN);
        // a message per chunk, one lane: a re-send slow enough to watch
        environment.put("INBOUND_EMBEDDED_QUEUE_RESTORE_LANES", "1");
        environment.put("INBOUND_EMBEDDED_QUEUE_RESTORE_CHUNK_MESSAGES", "1");
        Map<String, List<Integer>> sent = new LinkedHashMap<>();
        int sequence = 0;

        try (InboundProcess first = InboundProcess.start(environment, httpPort, dir.resolve("first.log"))) {
            for (int i = 0; i < PER_SHOP; i++) {
                for (String shop : SHOPS) {
                    assertThat(send(first, shop, sequence).statusCode()).isEqualTo(202);
                    sent.computeIfAbsent(shop, s -> new ArrayList<>()).add(sequence++);
                }
            }
            first.kill();
        }

        try (InboundProcess second = InboundProcess.with(environment, httpPort, dir.resolve("second.log")).whileRestoring().start()) {
            HttpResponse<String> health = second.client().get("/health");
            assertThat(InboundProcess.restoring(health)).as(health.body()).isTrue();
            assertThat(JSON.readTree(health.body()).path("restoreRemaining").asLong()).isPositive();

            HttpResponse<String> waiting = send(second, "shop-z", sequence);
            assertThat(waiting.statusCode()).isEqualTo(503);
            assertThat(JSON.readTree(waiting.body()).path("error").asText()).isEqualTo("queue_restoring");
            assertThat(waiting.headers().firstValue("Retry-After")).isPresent();
            HttpResponse<String> replay = second.client().operatorPost("/dead-letters/replay", "{\"all\": true}", ADMIN_TOKEN);
            assertThat(replay.statusCode()).isEqualTo(503);
            assertThat(JSON.readTree(replay.body()).path("error").asText()).isEqualTo("queue_restoring");

            assertThat(send(second, "shop-new", sequence).statusCode()).as("a group with nothing stored").isEqualTo(202);
            sent.put("shop-new", new ArrayList<>(List.of(sequence++)));
            // as a provider does: retried until taken, which it is once its group is whole again
            int afterRestart = sequence++;
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                    .until(() -> send(second, "shop-a", afterRestart).statusCode() == 202);
            sent.get("shop-a").add(afterRestart);

            assertThat(InboundProcess.restoring(second.client().get("/health"))).as("still restoring at the kill").isTrue();
            second.kill();
        }

        try (InboundProcess third = InboundProcess.start(environment, httpPort, dir.resolve("third.log"));
                QueueReader queue = new QueueReader(sqsPort, "webhook-events.fifo")) {
            assertThat(send(third, "shop-z", sequence).statusCode()).isEqualTo(202);
            sent.get("shop-z").add(sequence);

            Map<String, List<Integer>> received = new LinkedHashMap<>();
            for (Message message : queue.drain()) {
                received.computeIfAbsent(shopOf(message), s -> new ArrayList<>()).add(sequence(message));
            }
            sent.forEach((shop, sequences) -> assertThat(withoutRepeats(received.get(shop))).as(shop).isEqualTo(sequences));
            assertThat(received.keySet()).containsExactlyInAnyOrderElementsOf(sent.keySet());
        }
    }

    private HttpResponse<String> send(InboundProcess inbound, String shop, int sequence) {
        byte[] body = utf8("{\"seq\": " + sequence + "}");
        return inbound.client().post("shopify", body,
                Webhooks.shopify(body, SECRET, "delivery-" + sequence, shop + ".myshopify.com", "orders/create"));
    }

    private JsonNode stored(Message message) {
        try {
            return JSON.readTree(new StoredPayloads(dir.resolve("data")).body(message));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private int sequence(Message message) {
        return stored(message).path("seq").asInt();
    }

    /** The shop of a message's group ({@code shopify:<shop>.myshopify.com}). */
    private static String shopOf(Message message) {
        String group = message.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID);
        return group.substring(group.indexOf(':') + 1, group.indexOf('.'));
    }

    /** Each sequence number the first time it came out: a message both re-sent and still waiting is sent twice across a kill. */
    private static List<Integer> withoutRepeats(List<Integer> sequences) {
        return new ArrayList<>(new LinkedHashSet<>(sequences));
    }
}
