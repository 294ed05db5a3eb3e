package inbound.queue;

import static org.assertj.core.api.Assertions.assertThat;

import inbound.claimcheck.ClaimCheck;
import inbound.embedded.EmbeddedSqsServer;
import inbound.support.Flush;
import inbound.support.FlushFailed;
import inbound.testing.FreePort;
import inbound.testing.QueueReader;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.CreateQueueRequest;
import software.amazon.awssdk.services.sqs.model.GetQueueUrlRequest;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * On the real embedded queue: a receive of ten messages, one of which fails, is deleted with one
 * DeleteMessageBatch of the nine finished messages, never message by message, and only after the
 * database was flushed; the failed one stays.
 */
class BatchedDeletesTest {

    private static final QueueSettings QUEUES = new QueueSettings("batched-deletes.fifo", "batched-deletes-dlq.fifo", 5);

    @TempDir
    static Path dataDir;

    /** One embedded server for the class (ElasticMQ keeps one database pool per JVM), a queue of its own per test. */
    private static EmbeddedSqsServer server;
    private static SqsClient client;

    /** The SQS calls and database flushes, in order. */
    private final List<String> calls = new CopyOnWriteArrayList<>();

    @Test
    void theFinishedMessagesOfAReceiveAreDeletedInOneCallAfterTheDatabaseFlushAndAFailedOneStays() throws Exception {
        Map<String, String> attributes = receiveTenAndFailOne(() -> calls.add("flush"));

        assertThat(calls).filteredOn(call -> call.startsWith("delete") || call.equals("flush")).containsExactly("flush", "deleteMessageBatch");
        assertThat(attributes.get("ApproximateNumberOfMessages")).isEqualTo("0");
        assertThat(attributes.get("ApproximateNumberOfMessagesNotVisible")).isEqualTo("1");
    }

    @Test
    void nothingIsDeletedWhenTheDatabaseCouldNotBeFlushed() throws Exception {
        Map<String, String> attributes = receiveTenAndFailOne(() -> {
            throw new FlushFailed("Could not write the database's commits to its file: disk full", null);
        });

        assertThat(calls).noneMatch(call -> call.startsWith("delete"));
        assertThat(attributes.get("ApproximateNumberOfMessagesNotVisible")).isEqualTo("10");
    }

    @BeforeAll
    static void startTheQueue() {
        int port = FreePort.find();
        server = EmbeddedSqsServer.start("127.0.0.1", port, dataDir, QUEUES, Duration.ofSeconds(60));
        client = EmbeddedSqsServer.client(server.endpoint(), Duration.ofSeconds(10));
    }

    @AfterAll
    static void stopTheQueue() {
        client.close();
        server.close();
    }

    /** Ten messages received at once, the fourth failing; answers the queue's attributes afterwards. */
    private Map<String, String> receiveTenAndFailOne(Flush databaseFlush) throws Exception {
        String queue = "batched-deletes-" + UUID.randomUUID() + ".fifo";
        client.createQueue(CreateQueueRequest.builder().queueName(queue).attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true")).build());
        try (QueueReader reader = new QueueReader(server.endpoint().getPort(), queue)) {
            sendTen(queue);
            CamelContext context = new DefaultCamelContext();
            context.getRegistry().bind("sqsClient", recording(client));
            context.getRegistry().bind("batchedDeletes", new BatchedDeletes(recording(client), databaseFlush, queue, ClaimCheck.NONE, Flush.NONE));
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("aws2-sqs:" + queue + "?amazonSQSClient=#sqsClient&maxMessagesPerPoll=10&waitTimeSeconds=1"
                            + "&visibilityTimeout=30&deleteAfterRead=false&messageAttributeNames=All")
                            .errorHandler(noErrorHandler())
                            .process("batchedDeletes")
                            .filter(body().isEqualTo("message-3"))
                                .throwException(new IllegalStateException("message 3 fails"))
                            .end();
                }
            });
            NotifyBuilder tenDone = new NotifyBuilder(context).whenDone(10).create();
            context.start();
            try {
                assertThat(tenDone.matches(30, TimeUnit.SECONDS)).isTrue();
            } finally {
                context.stop();
            }
            return reader.queueAttributes();
        }
    }

    private static void sendTen(String queue) {
        String url = client.getQueueUrl(GetQueueUrlRequest.builder().queueName(queue).build()).queueUrl();
        SendMessageBatchRequest.Builder batch = SendMessageBatchRequest.builder().queueUrl(url);
        List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            // one group per message: FIFO hands out a group's next message only after the one before is gone
            entries.add(SendMessageBatchRequestEntry.builder().id(String.valueOf(i)).messageBody("message-" + i)
                    .messageGroupId("group-" + i).messageDeduplicationId("dedup-" + i + "-" + System.nanoTime()).build());
        }
        client.sendMessageBatch(batch.entries(entries).build());
    }

    /** The client, recording each call by method name in {@link #calls}. */
    private SqsClient recording(SqsClient client) {
        return (SqsClient) Proxy.newProxyInstance(SqsClient.class.getClassLoader(), new Class<?>[] {SqsClient.class}, (proxy, method, args) -> {
            calls.add(method.getName());
            try {
                return method.invoke(client, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
    }
}
