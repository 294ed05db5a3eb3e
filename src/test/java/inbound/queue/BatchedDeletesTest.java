package inbound.queue;

import static org.assertj.core.api.Assertions.assertThat;

import inbound.testing.FreePort;
import inbound.testing.QueueReader;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.GetQueueUrlRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * On the real embedded queue: a receive of ten messages, one of which fails, is deleted with one
 * DeleteMessageBatch of the nine finished messages, never message by message; the failed one stays.
 */
class BatchedDeletesTest {

    private static final QueueSettings QUEUES = new QueueSettings("batched-deletes.fifo", "batched-deletes-dlq.fifo", 5);

    @TempDir
    Path dataDir;

    @Test
    void theFinishedMessagesOfAReceiveAreDeletedInOneCallAndAFailedOneStays() throws Exception {
        int port = FreePort.find();
        Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
        try (EmbeddedSqsServer server = EmbeddedSqsServer.start("127.0.0.1", port, dataDir, QUEUES, Duration.ofSeconds(60));
                SqsClient client = SqsClientFactory.create(URI.create("http://127.0.0.1:" + port), true, "us-east-1", Duration.ofSeconds(10));
                QueueReader reader = new QueueReader(port, QUEUES.queueName())) {
            sendTen(client);
            CamelContext context = new DefaultCamelContext();
            context.getRegistry().bind("sqsClient", counting(client, calls));
            context.getRegistry().bind("batchedDeletes", new BatchedDeletes(counting(client, calls), QUEUES.queueName()));
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("aws2-sqs:" + QUEUES.queueName() + "?amazonSQSClient=#sqsClient&maxMessagesPerPoll=10&waitTimeSeconds=1"
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

            assertThat(calls.getOrDefault("deleteMessage", new AtomicInteger()).get()).isZero();
            assertThat(calls.get("deleteMessageBatch")).hasValue(1);
            Map<String, String> attributes = reader.queueAttributes();
            assertThat(attributes.get("ApproximateNumberOfMessages")).isEqualTo("0");
            assertThat(attributes.get("ApproximateNumberOfMessagesNotVisible")).isEqualTo("1");
        }
    }

    private static void sendTen(SqsClient client) {
        String url = client.getQueueUrl(GetQueueUrlRequest.builder().queueName(QUEUES.queueName()).build()).queueUrl();
        SendMessageBatchRequest.Builder batch = SendMessageBatchRequest.builder().queueUrl(url);
        List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            // one group per message: FIFO hands out a group's next message only after the one before is gone
            entries.add(SendMessageBatchRequestEntry.builder().id(String.valueOf(i)).messageBody("message-" + i)
                    .messageGroupId("group-" + i).messageDeduplicationId("dedup-" + i + "-" + System.nanoTime()).build());
        }
        client.sendMessageBatch(batch.entries(entries).build());
    }

    /** The client, counting each call by method name. */
    private static SqsClient counting(SqsClient client, Map<String, AtomicInteger> calls) {
        return (SqsClient) Proxy.newProxyInstance(SqsClient.class.getClassLoader(), new Class<?>[] {SqsClient.class}, (proxy, method, args) -> {
            calls.computeIfAbsent(method.getName(), name -> new AtomicInteger()).incrementAndGet();
            try {
                return method.invoke(client, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
    }
}
