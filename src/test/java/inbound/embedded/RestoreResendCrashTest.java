package inbound.embedded;

import inbound.queue.QueueSettings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import inbound.testing.FreePort;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * A kill -9 while the embedded queue sends its stored messages again at start loses none of them and
 * keeps each group's order: after the next start every message is there, each group in its order (a
 * message sent twice is allowed, never one before an earlier one of its group).
 */
class RestoreResendCrashTest {

    private static final QueueSettings QUEUES = new QueueSettings("webhook-events.fifo", "webhook-events-dlq.fifo", 5);
    private static final int GROUPS = 100;
    private static final int PER_GROUP = 80;
    private static final int DEAD_LETTERS = 50;

    @TempDir
    Path dir;

    /** The embedded queue alone, in a process of its own, on the port and data directory given. */
    public static void main(String[] args) {
        EmbeddedSqsServer.start("127.0.0.1", Integer.parseInt(args[0]), Path.of(args[1]), QUEUES, Duration.ofSeconds(60));
    }

    @Test
    void aKillDuringTheResendLosesNothingAndKeepsEachGroupsOrder() throws Exception {
        Path data = dir.resolve("data");
        int port = FreePort.find();
        startAndStop(port, data, dir.resolve("create.log"), null);
        storeBacklog(data);

        // as soon as it begins, and again once it has sent some
        startAndStop(port, data, dir.resolve("kill-1.log"), "Sending the embedded queue's stored messages again");
        startAndStop(port, data, dir.resolve("kill-2.log"), "stored messages of the embedded queue again so far");

        Process last = start(port, data, dir.resolve("last.log"));
        try (SqsClient sqs = EmbeddedSqsServer.client(java.net.URI.create("http://127.0.0.1:" + port), Duration.ofSeconds(30))) {
            await().atMost(Duration.ofSeconds(300)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                    .until(() -> sqs.getQueueUrl(request -> request.queueName(QUEUES.queueName())) != null);
            Map<String, List<Integer>> received = drain(sqs, QUEUES.queueName());
            assertThat(received).hasSize(GROUPS);
            received.forEach((group, sequence) -> assertThat(withoutRepeats(sequence))
                    .as("group %s, in the order it came out", group).isEqualTo(range(PER_GROUP)));
            assertThat(drain(sqs, QUEUES.deadLetterQueueName()).values().stream().flatMap(List::stream).distinct().count()).isEqualTo(DEAD_LETTERS);
        } finally {
            last.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** Starts the queue; with {@code killWhenLogged}, kills it once its log says so, checking its endpoint had not opened yet. */
    private static void startAndStop(int port, Path data, Path log, String killWhenLogged) throws Exception {
        Process process = start(port, data, log);
        try {
            if (killWhenLogged == null) {
                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100)).until(() -> listening(port));
            } else {
                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(20))
                        .until(() -> Files.readString(log, StandardCharsets.UTF_8).contains(killWhenLogged));
                assertThat(listening(port)).as("the endpoint opened before the re-send was done").isFalse();
            }
        } finally {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static Process start(int port, Path data, Path log) throws IOException {
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), RestoreResendCrashTest.class.getName(), String.valueOf(port), data.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    /** A backlog as ElasticMQ writes it, straight into its tables: groups interleaved, as a busy queue holds them. */
    private static void storeBacklog(Path data) throws Exception {
        try (Connection connection = DriverManager.getConnection(EmbeddedSqsServer.databaseUrl(data), "", "")) {
            connection.setAutoCommit(false);
            String padding = "x".repeat(1_000);
            insert(connection, QUEUES.queueName(), GROUPS * PER_GROUP, i -> "shop-" + (i % GROUPS), i -> i / GROUPS, padding);
            insert(connection, QUEUES.deadLetterQueueName(), DEAD_LETTERS, i -> "shop-" + i, i -> i, padding);
            connection.commit();
        }
    }

    private static void insert(Connection connection, String queue, int count, java.util.function.IntFunction<String> group,
            java.util.function.IntUnaryOperator sequence, String padding) throws Exception {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + ElasticMqMessageTable.of(queue)
                + " (message_id, delivery_receipts, next_delivery, content, attributes, created, received, receive_count, group_id, deduplication_id)"
                + " VALUES (?, ?, ?, ?, ?, ?, NULL, 0, ?, ?)")) {
            long now = System.currentTimeMillis();
            for (int i = 0; i < count; i++) {
                insert.setString(1, queue + "-" + i);
                insert.setBytes(2, "[]".getBytes(StandardCharsets.UTF_8));
                insert.setLong(3, now);
                insert.setBytes(4, ("{\"seq\":" + sequence.applyAsInt(i) + ",\"pad\":\"" + padding + "\"}").getBytes(StandardCharsets.UTF_8));
                insert.setBytes(5, ("[{\"key\":\"provider\",\"primaryDataType\":\"String\",\"stringValue\":\"shopify\"}]").getBytes(StandardCharsets.UTF_8));
                insert.setLong(6, now);
                insert.setString(7, group.apply(i));
                insert.setString(8, "delivery-" + i);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** Receives and deletes everything; each group's sequence numbers in the order they came out. */
    private static Map<String, List<Integer>> drain(SqsClient sqs, String queue) {
        String url = sqs.getQueueUrl(request -> request.queueName(queue)).queueUrl();
        Map<String, List<Integer>> byGroup = new LinkedHashMap<>();
        while (true) {
            List<Message> batch = sqs.receiveMessage(request -> request.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(1)
                    .messageSystemAttributeNames(MessageSystemAttributeName.MESSAGE_GROUP_ID)).messages();
            if (batch.isEmpty()) {
                return byGroup;
            }
            List<DeleteMessageBatchRequestEntry> deletes = new ArrayList<>();
            for (Message message : batch) {
                String body = message.body();
                int sequence = Integer.parseInt(body.substring(body.indexOf(':') + 1, body.indexOf(',')));
                byGroup.computeIfAbsent(message.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID), g -> new ArrayList<>()).add(sequence);
                deletes.add(DeleteMessageBatchRequestEntry.builder().id(String.valueOf(deletes.size())).receiptHandle(message.receiptHandle()).build());
            }
            sqs.deleteMessageBatch(request -> request.queueUrl(url).entries(deletes));
        }
    }

    /** Each number the first time it came out: what a worker idempotent by event id processes. */
    private static List<Integer> withoutRepeats(List<Integer> sequence) {
        List<Integer> processed = new ArrayList<>();
        Map<Integer, Boolean> seen = new HashMap<>();
        for (int number : sequence) {
            if (seen.putIfAbsent(number, true) == null) {
                processed.add(number);
            }
        }
        return processed;
    }

    private static List<Integer> range(int count) {
        List<Integer> numbers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            numbers.add(i);
        }
        return numbers;
    }
}
