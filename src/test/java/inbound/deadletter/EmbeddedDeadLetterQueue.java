package inbound.deadletter;

import inbound.embedded.EmbeddedSqsServer;
import inbound.queue.EventAttributes;
import inbound.queue.QueueSettings;
import inbound.testing.FreePort;
import inbound.testing.QueueReader;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.GetQueueUrlRequest;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/**
 * The real embedded queue and its dead-letter queue for tests of the dead letters, with a client and a way
 * to put a dead letter in as the worker does. One per test class (ElasticMQ keeps one database per JVM).
 */
public final class EmbeddedDeadLetterQueue implements AutoCloseable {

    public static final QueueSettings QUEUES = new QueueSettings("webhook-events.fifo", "webhook-events-dlq.fifo", 5);

    private final int port;
    private final EmbeddedSqsServer server;
    private final SqsClient sqs;

    private EmbeddedDeadLetterQueue(int port, Path dataDir) {
        this.port = port;
        this.server = EmbeddedSqsServer.start("127.0.0.1", port, dataDir, QUEUES, Duration.ofSeconds(60));
        this.sqs = EmbeddedSqsServer.client(URI.create("http://127.0.0.1:" + port), Duration.ofSeconds(5));
    }

    public static EmbeddedDeadLetterQueue start(Path dataDir) {
        return new EmbeddedDeadLetterQueue(FreePort.find(), dataDir);
    }

    public SqsClient sqs() {
        return sqs;
    }

    public int port() {
        return port;
    }

    public String deadLetterUrl() {
        return sqs.getQueueUrl(GetQueueUrlRequest.builder().queueName(QUEUES.deadLetterQueueName()).build()).queueUrl();
    }

    /** A dead letter of {@code eventId} in {@code group}, with its body {@code {"id": "<eventId>"}} and the worker's attributes. */
    public void deadLetter(String group, String eventId, String errorCode) {
        sqs.sendMessage(SendMessageRequest.builder().queueUrl(deadLetterUrl()).messageBody("{\"id\": \"" + eventId + "\"}")
                .messageGroupId(group).messageDeduplicationId(UUID.randomUUID().toString())
                .messageAttributes(Map.of(
                        EventAttributes.EVENT_ID, text(eventId), EventAttributes.PROVIDER, text("shopify"),
                        DeadLetterAttributes.ERROR_CODE, text(errorCode)))
                .build());
    }

    /** Empties both queues, for the next test. */
    public void empty() {
        try (QueueReader main = new QueueReader(port, QUEUES.queueName()); QueueReader dead = new QueueReader(port, QUEUES.deadLetterQueueName())) {
            main.drain();
            dead.drain();
        }
    }

    private static MessageAttributeValue text(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }

    @Override
    public void close() {
        sqs.close();
        server.close();
    }
}
