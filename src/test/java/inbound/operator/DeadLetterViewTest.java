package inbound.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.zaxxer.hikari.HikariDataSource;
import inbound.deadletter.DeadLetterNotFound;
import inbound.deadletter.DeadLetterQueue;
import inbound.queue.EmbeddedSqsServer;
import inbound.queue.EventAttributes;
import inbound.queue.QueueSettings;
import inbound.queue.SqsClientFactory;
import inbound.store.Database;
import inbound.store.EventStatus;
import inbound.store.EventStore;
import inbound.store.SchemaMigrations;
import inbound.testing.FreePort;
import inbound.testing.QueueReader;
import inbound.worker.DeadLetterAttributes;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.GetQueueUrlRequest;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/**
 * {@code GET /dead-letters/{id}} on the real embedded queue, with twelve dead letters of one group: the
 * queue hands out at most ten at a time, and none of a group while some of it is held.
 */
class DeadLetterViewTest {

    private static final QueueSettings QUEUES = new QueueSettings("webhook-events.fifo", "webhook-events-dlq.fifo", 5);
    private static final String GROUP = "shopify:acme.myshopify.com";
    private static final Duration BOUND = Duration.ofSeconds(20);

    @TempDir
    static Path dir;

    private static EmbeddedSqsServer queue;
    private static SqsClient sqs;
    private static int port;
    private HikariDataSource dataSource;
    private EventStore store;
    private DeadLetterView view;

    @BeforeAll
    static void startQueue() {
        port = FreePort.find();
        queue = EmbeddedSqsServer.start("127.0.0.1", port, dir, QUEUES, Duration.ofSeconds(60));
        sqs = SqsClientFactory.create(URI.create("http://127.0.0.1:" + port), true, "us-east-1", Duration.ofSeconds(5));
    }

    @AfterAll
    static void stopQueue() {
        sqs.close();
        queue.close();
    }

    @BeforeEach
    void deadLetterTwelveEventsOfOneGroup() throws Exception {
        dataSource = Database.pool("jdbc:h2:mem:view-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "", Duration.ofSeconds(2), 4);
        SchemaMigrations.apply(dataSource);
        store = new EventStore(dataSource);
        view = new DeadLetterView(new DeadLetterQueue(sqs, QUEUES, Duration.ofSeconds(10)), store);
        for (int i = 1; i <= 12; i++) {
            deadLetter("d" + i);
        }
    }

    @AfterEach
    void emptyEverything() {
        dataSource.close();
        try (QueueReader dead = new QueueReader(port, QUEUES.deadLetterQueueName())) {
            dead.drain();
        }
    }

    /** As the worker leaves a dead letter: in the dead-letter queue, in its group, and its status recorded. */
    private void deadLetter(String eventId) throws Exception {
        sqs.sendMessage(SendMessageRequest.builder().queueUrl(deadLetterUrl()).messageBody("{\"id\": \"" + eventId + "\"}")
                .messageGroupId(GROUP).messageDeduplicationId(UUID.randomUUID().toString())
                .messageAttributes(Map.of(EventAttributes.EVENT_ID, text(eventId), EventAttributes.PROVIDER, text("shopify"),
                        DeadLetterAttributes.ERROR_CODE, text("schema_violation")))
                .build());
        store.saveStatus(new EventStatus(eventId, "shopify", "orders/create", GROUP, Instant.now(), EventStatus.DEAD_LETTERED,
                "schema_violation", "required property 'id' missing", "validate", 5, 0, Instant.now()));
    }

    private static String deadLetterUrl() {
        return sqs.getQueueUrl(GetQueueUrlRequest.builder().queueName(QUEUES.deadLetterQueueName()).build()).queueUrl();
    }

    private static MessageAttributeValue text(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }

    private JsonNode get(String eventId) throws Exception {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getMessage().setHeader("id", eventId);
        assertTimeoutPreemptively(BOUND, () -> view.process(exchange));
        assertThat(exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(200);
        return OperatorJson.JSON.readTree(exchange.getMessage().getBody(String.class));
    }

    /** What another reader gets at once: the head of the group, unless the look-up still holds it. */
    private static List<String> receivableNow() {
        List<Message> messages = sqs.receiveMessage(ReceiveMessageRequest.builder().queueUrl(deadLetterUrl()).maxNumberOfMessages(10)
                .visibilityTimeout(1).waitTimeSeconds(0).messageAttributeNames("All").build()).messages();
        return messages.stream().map(message -> DeadLetterQueue.attribute(message, EventAttributes.EVENT_ID)).toList();
    }

    @Test
    void shouldFindADeadLetterBehindTenOthersOfItsGroup() throws Exception {
        JsonNode twelfth = get("d12");

        assertThat(twelfth.path("id").asText()).isEqualTo("d12");
        assertThat(twelfth.path("status").path("status").asText()).isEqualTo(EventStatus.DEAD_LETTERED);
        assertThat(twelfth.path("status").path("reason").path("code").asText()).isEqualTo("schema_violation");
        assertThat(twelfth.path("behind").asInt()).isEqualTo(10);
        assertThat(twelfth.path("message").asText()).contains("behind 10 earlier dead letters", GROUP);
        assertThat(receivableNow()).as("the look-up released what it held").startsWith("d1");
    }

    @Test
    void shouldShowADeadLetterWithinTheFirstTenOfItsGroupAndReleaseIt() throws Exception {
        JsonNode fifth = get("d5");

        assertThat(fifth.path("payload").asText()).isEqualTo("{\"id\": \"d5\"}");
        assertThat(fifth.path("attributes").path(EventAttributes.EVENT_ID).asText()).isEqualTo("d5");
        assertThat(receivableNow()).as("the look-up released what it held").startsWith("d1", "d2", "d3", "d4", "d5");
    }

    @Test
    void shouldAnswerNotFoundForAnEventWithNoDeadLetter() {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getMessage().setHeader("id", "never-seen");

        assertThatThrownBy(() -> view.process(exchange)).isInstanceOf(DeadLetterNotFound.class);
        assertThat(receivableNow()).startsWith("d1");
    }
}
