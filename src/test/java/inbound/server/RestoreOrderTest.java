package inbound.server;

import static inbound.testing.Webhooks.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import inbound.embedded.EmbeddedSqsServer;
import inbound.testing.FreePort;
import inbound.testing.InboundProcess;
import inbound.testing.QueueReader;
import inbound.testing.StoredPayloads;
import inbound.testing.Webhooks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * Each group's events come out of the embedded queue in the order they were sent, across a kill -9 and
 * restart, also when a consumer had received some of them and not deleted them yet.
 */
class RestoreOrderTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "shpss_order";
    private static final int GROUPS = 3;
    private static final int PER_GROUP = 30;

    @TempDir
    Path dir;

    @Test
    void shouldKeepEachGroupsSendOrderAcrossAKill9WithMessagesInFlight() throws Exception {
        int httpPort = FreePort.find();
        int sqsPort = FreePort.find();
        Map<String, String> environment = InboundProcess.embeddedQueueWithoutWorker(sqsPort, dir.resolve("data"), SECRET);
        Map<String, List<Integer>> sent = new LinkedHashMap<>();

        try (InboundProcess first = InboundProcess.start(environment, httpPort, dir.resolve("first.log"));
                QueueReader consumer = new QueueReader(sqsPort, "webhook-events.fifo")) {
            for (int i = 0; i < GROUPS * PER_GROUP; i++) {
                String group = "shop-" + (i % GROUPS);
                assertThat(send(first, group, i)).isEqualTo(202);
                sent.computeIfAbsent(group, g -> new ArrayList<>()).add(i);
            }
            // a consumer that received these and was killed with Inbound before it deleted them
            assertThat(consumer.receiveWithoutDeleting(Duration.ofSeconds(20))).isNotEmpty();
            assertThat(consumer.receiveWithoutDeleting(Duration.ofSeconds(20))).isNotEmpty();
            // one more accepted event: its checkpoint puts the receives on file too
            assertThat(send(first, "shop-last", GROUPS * PER_GROUP)).isEqualTo(202);
            sent.put("shop-last", List.of(GROUPS * PER_GROUP));
            first.kill();
        }

        try (InboundProcess second = InboundProcess.start(environment, httpPort, dir.resolve("second.log"));
                QueueReader queue = new QueueReader(sqsPort, "webhook-events.fifo")) {
            Map<String, List<Integer>> received = new LinkedHashMap<>();
            List<Integer> all = new ArrayList<>();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
                for (Message message : queue.drain()) {
                    int sequence = sequence(message);
                    all.add(sequence);
                    received.computeIfAbsent(message.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID), g -> new ArrayList<>()).add(sequence);
                }
                return all.size() >= GROUPS * PER_GROUP + 1;
            });
            assertThat(received.values()).containsExactlyInAnyOrderElementsOf(sent.values());
        }
    }

    @Test
    void shouldHoldBackARestoredGroupWhileItsFirstMessageIsInFlight() throws Exception {
        int httpPort = FreePort.find();
        int sqsPort = FreePort.find();
        Map<String, String> environment = InboundProcess.embeddedQueueWithoutWorker(sqsPort, dir.resolve("data"), SECRET);
        try (InboundProcess first = InboundProcess.start(environment, httpPort, dir.resolve("first.log"))) {
            for (int i = 0; i < 5; i++) {
                assertThat(send(first, "shop-held", i)).isEqualTo(202);
            }
            first.kill();
        }

        try (InboundProcess second = InboundProcess.start(environment, httpPort, dir.resolve("second.log"));
                SqsClient sqs = EmbeddedSqsServer.client(URI.create("http://127.0.0.1:" + sqsPort), Duration.ofSeconds(10))) {
            String queueUrl = sqs.getQueueUrl(b -> b.queueName("webhook-events.fifo")).queueUrl();
            List<Message> inFlight = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(1).visibilityTimeout(60)).messages();
            assertThat(inFlight).extracting(this::sequence).containsExactly(0);

            List<Message> whileInFlight = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1)).messages();
            assertThat(whileInFlight).as("messages of the group handed out while its first is in flight").extracting(this::sequence).isEmpty();

            // the re-sent messages are noted as written: a provider's retry of one, and a new event, are acknowledged
            assertThat(send(second, "shop-held", 4)).as("a retry of a re-sent event").isEqualTo(202);
            assertThat(send(second, "shop-held", 5)).as("a new event after the re-send").isEqualTo(202);

            sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(inFlight.get(0).receiptHandle()));
            try (QueueReader queue = new QueueReader(sqsPort, "webhook-events.fifo")) {
                assertThat(queue.drain()).extracting(this::sequence).containsExactly(1, 2, 3, 4, 5);
            }
        }
    }


    private int sequence(Message message) {
        try {
            return JSON.readTree(new StoredPayloads(dir.resolve("data")).body(message)).path("seq").asInt();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int send(InboundProcess inbound, String group, int sequence) {
        byte[] body = utf8("{\"seq\": " + sequence + "}");
        return inbound.client().post("shopify", body,
                Webhooks.shopify(body, SECRET, "delivery-" + sequence, group + ".myshopify.com", "orders/create")).statusCode();
    }
}
