package inbound.embedded;

import inbound.queue.QueueSettings;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import inbound.support.FlushFailed;
import inbound.store.H2Checkpoint;
import inbound.testing.FreePort;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/** The embedded queue's durability check on a real ElasticMQ and its H2 file. */
class EmbeddedQueueDurabilityTest {

    private static final QueueSettings QUEUES = new QueueSettings("durability-events.fifo", "durability-events-dlq.fifo", 5);

    @TempDir
    static Path dir;

    private static EmbeddedSqsServer server;
    private static SqsClient sqs;
    private static String queueUrl;
    private static JdbcDataSource database;

    @BeforeAll
    static void start() {
        int port = FreePort.find();
        server = EmbeddedSqsServer.start("127.0.0.1", port, dir, QUEUES, Duration.ofSeconds(60));
        sqs = EmbeddedSqsServer.client(URI.create("http://127.0.0.1:" + port), Duration.ofSeconds(10));
        queueUrl = sqs.getQueueUrl(request -> request.queueName(QUEUES.queueName())).queueUrl();
        database = new JdbcDataSource();
        database.setURL(EmbeddedSqsServer.databaseUrl(dir));
    }

    @AfterAll
    static void stop() {
        sqs.close();
        server.close();
    }

    @Test
    void shouldAcceptAMessageTheWorkerAlreadyDeletedBeforeTheCheck() {
        EmbeddedQueueDurability durability = started();
        String messageId = send("deleted-before-the-check");
        Message received = sqs.receiveMessage(request -> request.queueUrl(queueUrl).maxNumberOfMessages(1).waitTimeSeconds(5)).messages().get(0);
        sqs.deleteMessage(request -> request.queueUrl(queueUrl).receiptHandle(received.receiptHandle()));

        assertThatCode(() -> durability.flushConfirmed(List.of(messageId))).doesNotThrowAnyException();
        assertThatCode(() -> durability.flushConfirmed(List.of(send("after-it")))).doesNotThrowAnyException();
    }

    @Test
    void shouldRefuseAConfirmedMessageTheQueueNeverWrote() {
        EmbeddedQueueDurability durability = started();
        assertThatThrownBy(() -> durability.flushConfirmed(List.of("a-message-id-never-written"))).isInstanceOf(FlushFailed.class);
        assertThatThrownBy(() -> durability.flushConfirmed(List.of(send("written-after-the-break")))).isInstanceOf(FlushFailed.class);
    }

    /** A check of its own for each test: one that found a message missing refuses from then on. */
    private static EmbeddedQueueDurability started() {
        EmbeddedQueueDurability durability = new EmbeddedQueueDurability(new H2Checkpoint(database, "the embedded queue"), database, QUEUES.queueName());
        durability.start();
        return durability;
    }

    private static String send(String deduplicationId) {
        return sqs.sendMessage(request -> request.queueUrl(queueUrl).messageBody("{}").messageGroupId("g").messageDeduplicationId(deduplicationId)).messageId();
    }
}
