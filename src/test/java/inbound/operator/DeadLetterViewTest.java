package inbound.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.zaxxer.hikari.HikariDataSource;
import inbound.claimcheck.ClaimCheck;
import inbound.deadletter.DeadLetterBehindItsGroup;
import inbound.deadletter.DeadLetterNotFound;
import inbound.deadletter.DeadLetterQueue;
import inbound.deadletter.DirectReplay;
import inbound.deadletter.EmbeddedDeadLetterQueue;
import inbound.deadletter.ReplayWorker;
import inbound.queue.EventAttributes;
import inbound.store.Database;
import inbound.store.EventStatus;
import inbound.store.EventStore;
import inbound.store.SchemaMigrations;
import inbound.support.Flush;
import inbound.support.PipelineMetrics;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.camel.CamelContext;
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
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;

/**
 * {@code GET /dead-letters/{id}} on the real embedded queue, with twelve dead letters of one group: the
 * queue hands out at most ten at a time, and none of a group while some of it is held. A direct replay of one
 * behind them is refused (409) saying why.
 */
class DeadLetterViewTest {

    private static final String GROUP = "shopify:acme.myshopify.com";
    private static final Duration BOUND = Duration.ofSeconds(20);

    @TempDir
    static Path dir;

    private static EmbeddedDeadLetterQueue queue;
    private static SqsClient sqs;
    private HikariDataSource dataSource;
    private EventStore store;
    private DeadLetterView view;

    @BeforeAll
    static void startQueue() {
        queue = EmbeddedDeadLetterQueue.start(dir);
        sqs = queue.sqs();
    }

    @AfterAll
    static void stopQueue() {
        queue.close();
    }

    @BeforeEach
    void deadLetterTwelveEventsOfOneGroup() throws Exception {
        dataSource = Database.pool("jdbc:h2:mem:view-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "", Duration.ofSeconds(2), 4);
        SchemaMigrations.apply(dataSource);
        store = new EventStore(dataSource);
        view = new DeadLetterView(new DeadLetterQueue(sqs, EmbeddedDeadLetterQueue.QUEUES, Duration.ofSeconds(10)), store, ClaimCheck.NONE);
        for (int i = 1; i <= 12; i++) {
            deadLetter("d" + i);
        }
    }

    @AfterEach
    void emptyEverything() {
        dataSource.close();
        queue.empty();
    }

    /** As the worker leaves a dead letter: in the dead-letter queue, in its group, and its status recorded. */
    private void deadLetter(String eventId) throws Exception {
        queue.deadLetter(GROUP, eventId, "schema_violation");
        store.saveStatus(EventStatus.of(eventId, "shopify", "orders/create").groupId(GROUP).receivedAt(Instant.now()).receiveCount(5)
                .deadLettered("schema_violation", "required property 'id' missing", "validate", Instant.now()));
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
        List<Message> messages = sqs.receiveMessage(ReceiveMessageRequest.builder().queueUrl(queue.deadLetterUrl()).maxNumberOfMessages(10)
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

    @Test
    void shouldSayWhenALookUpStoppedAtItsTimeLimitBeforeFindingIt() {
        DeadLetterView hurried = new DeadLetterView(new DeadLetterQueue(sqs, EmbeddedDeadLetterQueue.QUEUES, Duration.ofMillis(1)), store, ClaimCheck.NONE);
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getMessage().setHeader("id", "never-seen");

        assertThatThrownBy(() -> hurried.process(exchange)).isInstanceOf(DeadLetterNotFound.class).hasMessageContaining("time limit", "try again");
        assertThat(receivableNow()).startsWith("d1");
    }

    @Test
    void shouldRefuseADirectReplayOfADeadLetterBehindItsGroupSayingWhy() throws Exception {
        ReplayWorker mustNotRun = new ReplayWorker() {
            @Override
            public ReplayWorker.WorkerVerdict run(CamelContext context, Message deadLetter, int replayCount) {
                throw new AssertionError("no dead letter to run");
            }

            @Override
            public Duration longestRun(CamelContext context) {
                return Duration.ofSeconds(5);
            }
        };
        DirectReplay replay = new DirectReplay(new DeadLetterQueue(sqs, EmbeddedDeadLetterQueue.QUEUES, Duration.ofSeconds(10)), store,
                () -> { }, Clock.systemUTC(), mustNotRun, ClaimCheck.NONE, Flush.NONE, PipelineMetrics.NONE);
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getMessage().setBody("d12");

        Throwable refused = catchThrowable(() -> replay.process(exchange));
        exchange.setProperty(Exchange.EXCEPTION_CAUGHT, refused);
        new OperatorErrorResponse().process(exchange);

        assertThat(refused).isInstanceOf(DeadLetterBehindItsGroup.class);
        assertThat(exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(409);
        JsonNode answer = OperatorJson.JSON.readTree(exchange.getMessage().getBody(String.class));
        assertThat(answer.path("error").asText()).isEqualTo("behind_its_group");
        assertThat(answer.path("message").asText()).contains("d12", "behind 10 earlier dead letters", GROUP);
        assertThat(receivableNow()).as("the look-up released what it held").startsWith("d1");
    }
}
