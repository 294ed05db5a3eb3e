package routes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import inbound.claimcheck.ClaimCheck;
import inbound.deadletter.DeadLetterAttributes;
import inbound.deadletter.DeadLetterNotFound;
import inbound.deadletter.DeadLetterQueue;
import inbound.deadletter.DeadLetterReason;
import inbound.deadletter.DeadLetterReplay;
import inbound.deadletter.DirectReplay;
import inbound.deadletter.DirectReplayOutcome;
import inbound.deadletter.InProcessReplayWorker;
import inbound.deadletter.ReplayFilter;
import inbound.deadletter.ReplayResult;
import inbound.queue.EventAttributes;
import inbound.queue.QueueSettings;
import inbound.store.EventStatus;
import inbound.store.EventStore;
import inbound.support.Flush;
import inbound.testing.RecordedMetrics;
import inbound.worker.WorkerProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.spi.Registry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The replay routes — {@code replay-command} (the replay function's input), {@code replay} and
 * {@code replay-direct} — with their real steps over dead-letter and main queues in memory and the worker
 * replaced by {@code mock:worker}: every answer, and what was moved, run or left where it was.
 */
class ReplayRouteTest extends InboundRouteTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GROUP = "shopify:acme.myshopify.com";

    private InMemorySqs sqs;
    private QueueSettings queues;
    private MockEndpoint worker;
    private final RecordedMetrics metrics = new RecordedMetrics();

    @Override
    protected Properties overrides() {
        return new Properties();
    }

    @Override
    protected RoutesBuilder[] createRouteBuilders() {
        return new RoutesBuilder[] {new OperatorErrorHandling(), new ReplayRoute(), new RouteBuilder() {
            @Override
            public void configure() {
                from(WorkerRoute.ENDPOINT).routeId("worker").to("mock:worker");
            }
        }};
    }

    /** The dead-letter steps as {@code WorkerBeans} wires them, over the queues in memory instead of the embedded server. */
    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        Registry registry = context.getRegistry();
        queues = registry.lookupByNameAndType("queueSettings", QueueSettings.class);
        sqs = new InMemorySqs(queues.queueName(), queues.deadLetterQueueName());
        EventStore store = registry.lookupByNameAndType("eventStore", EventStore.class);
        DeadLetterQueue deadLetters = new DeadLetterQueue(sqs, queues, Duration.ofSeconds(10));
        registry.bind("deadLetterReplay", new DeadLetterReplay(deadLetters, store, Clock.systemUTC(), Flush.NONE, metrics));
        registry.bind("directReplay", new DirectReplay(deadLetters, store, registry.lookupByNameAndType("databaseFlush", Flush.class),
                Clock.systemUTC(), new InProcessReplayWorker(WorkerRoute.ENDPOINT), ClaimCheck.NONE, Flush.NONE, metrics));
        return context;
    }

    @BeforeEach
    void deadLetterTwoEvents() throws Exception {
        context.start();
        worker = getMockEndpoint("mock:worker");
        deadLetter("e-1", "shopify", "orders/create", GROUP);
        deadLetter("e-2", "github", "push", "github:octo-org/octo-repo");
    }

    private void deadLetter(String eventId, String provider, String topic, String group) throws Exception {
        sqs.put(queues.deadLetterQueueName(), group, "{\"id\": \"" + eventId + "\"}", Map.of(
                EventAttributes.EVENT_ID, eventId, EventAttributes.PROVIDER, provider, EventAttributes.TOPIC, topic,
                EventAttributes.DELIVERY_ID, "delivery-" + eventId, EventAttributes.RECEIVED_AT, "2026-11-29T10:00:00Z",
                DeadLetterAttributes.ERROR_CODE, "schema_violation"));
        store().saveStatus(EventStatus.of(eventId, provider, topic).groupId(group).receivedAt(Instant.parse("2026-11-29T10:00:00Z")).receiveCount(1)
                .deadLettered("schema_violation", "The event does not match its schema.", "validate", Instant.now()));
    }

    private EventStore store() {
        return context.getRegistry().lookupByNameAndType("eventStore", EventStore.class);
    }

    private Exchange command(String json) {
        return template.send(ReplayRoute.REPLAY_COMMAND, exchange -> exchange.getMessage().setBody(json));
    }

    private static int status(Exchange answer) {
        return answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
    }

    private static JsonNode json(Exchange answer) throws Exception {
        return JSON.readTree(answer.getMessage().getBody(String.class));
    }

    private static List<String> eventIds(List<Message> messages) {
        return messages.stream().map(message -> DeadLetterQueue.attribute(message, EventAttributes.EVENT_ID)).toList();
    }

    private void assertNothingMovedOrRun() throws Exception {
        assertThat(sqs.messages(queues.queueName())).isEmpty();
        assertThat(eventIds(sqs.visible(queues.deadLetterQueueName()))).containsExactly("e-1", "e-2");
        worker.expectedMessageCount(0);
        worker.assertIsSatisfied();
    }

    private void assertRefused(Exchange answer, int status, String error) throws Exception {
        assertThat(status(answer)).as(error).isEqualTo(status);
        assertThat(json(answer).path("error").asText()).isEqualTo(error);
        assertThat(json(answer).path("message").asText()).isNotBlank();
        assertThat(answer.getMessage().getHeader(Exchange.CONTENT_TYPE)).isEqualTo("application/json");
    }

    @Test
    void shouldMoveTheDeadLettersMatchingAFilterBackToTheQueue() throws Exception {
        Exchange answer = command("{\"provider\": \"shopify\"}");

        assertThat(status(answer)).isEqualTo(200);
        assertThat(json(answer)).isEqualTo(JSON.readTree("{\"matched\": 1, \"moved\": 1, \"dryRun\": false, \"complete\": true}"));
        Message moved = sqs.messages(queues.queueName()).get(0);
        assertThat(sqs.messages(queues.queueName())).hasSize(1);
        assertThat(moved.body()).isEqualTo("{\"id\": \"e-1\"}");
        assertThat(DeadLetterQueue.attribute(moved, EventAttributes.EVENT_ID)).isEqualTo("e-1");
        assertThat(DeadLetterQueue.attribute(moved, EventAttributes.REPLAY_COUNT)).isEqualTo("1");
        assertThat(moved.messageAttributes()).doesNotContainKey(DeadLetterAttributes.ERROR_CODE);
        assertThat(eventIds(sqs.messages(queues.deadLetterQueueName()))).containsExactly("e-2");
        EventStatus replayed = store().status("e-1").orElseThrow();
        assertThat(replayed.status()).isEqualTo(EventStatus.REPLAYED);
        assertThat(replayed.replayCount()).isEqualTo(1);
        assertThat(metrics.replays()).containsExactly(new RecordedMetrics.Replay("queue", "moved"));
        worker.expectedMessageCount(0);
        worker.assertIsSatisfied();
    }

    @Test
    void shouldCountWithoutMovingInADryRun() throws Exception {
        Exchange answer = command("{\"all\": true, \"dryRun\": true}");

        assertThat(status(answer)).isEqualTo(200);
        assertThat(json(answer)).isEqualTo(JSON.readTree("{\"matched\": 2, \"moved\": 0, \"dryRun\": true, \"complete\": true}"));
        assertNothingMovedOrRun();
        assertThat(store().status("e-1")).get().extracting(EventStatus::status).isEqualTo(EventStatus.DEAD_LETTERED);
        assertThat(metrics.replays()).isEmpty();
    }

    @Test
    void shouldRunOneDeadLetterThroughTheWorkerAndDeleteItInDirectMode() throws Exception {
        worker.expectedBodiesReceived("{\"id\": \"e-1\"}");
        worker.expectedHeaderReceived(EventAttributes.EVENT_ID, "e-1");
        worker.expectedHeaderReceived(EventAttributes.REPLAY_COUNT, "1");
        worker.expectedPropertyReceived(WorkerProperties.DIRECT_REPLAY, true);

        Exchange answer = command("{\"mode\": \"direct\", \"eventId\": \"e-1\"}");

        assertThat(status(answer)).isEqualTo(200);
        assertThat(json(answer)).isEqualTo(JSON.readTree(
                "{\"eventId\": \"e-1\", \"outcome\": \"processed\", \"errorCode\": null, \"errorMessage\": null}"));
        worker.assertIsSatisfied();
        assertThat(eventIds(sqs.messages(queues.deadLetterQueueName()))).containsExactly("e-2");
        assertThat(sqs.messages(queues.queueName())).isEmpty();
        assertThat(metrics.replays()).containsExactly(new RecordedMetrics.Replay("direct", "processed"));
    }

    @Test
    void shouldKeepADeadLetterThatFailsAgainInDirectModeWithItsNewReason() throws Exception {
        worker.whenAnyExchangeReceived(exchange -> exchange.setProperty(DeadLetterReason.PROPERTY,
                new DeadLetterReason("unsupported_event", "Still not handled.", "process", Instant.now(), 1)));

        Exchange answer = command("{\"mode\": \"direct\", \"eventId\": \"e-1\"}");

        assertThat(status(answer)).isEqualTo(200);
        assertThat(json(answer)).isEqualTo(JSON.readTree(
                "{\"eventId\": \"e-1\", \"outcome\": \"failed\", \"errorCode\": \"unsupported_event\", \"errorMessage\": \"Still not handled.\"}"));
        assertThat(eventIds(sqs.visible(queues.deadLetterQueueName()))).containsExactly("e-1", "e-2");
        assertThat(sqs.messages(queues.queueName())).isEmpty();
        EventStatus status = store().status("e-1").orElseThrow();
        assertThat(status.status()).isEqualTo(EventStatus.DEAD_LETTERED);
        assertThat(status.errorCode()).isEqualTo("unsupported_event");
        assertThat(status.failedStage()).isEqualTo("process");
        assertThat(status.replayCount()).isEqualTo(1);
        assertThat(metrics.replays()).containsExactly(new RecordedMetrics.Replay("direct", "failed"));
    }

    @Test
    void shouldAnswer404ForADirectReplayOfAnEventWithoutADeadLetter() throws Exception {
        assertRefused(command("{\"mode\": \"direct\", \"eventId\": \"e-unknown\"}"), 404, "not_found");
        assertNothingMovedOrRun();
    }

    @Test
    void shouldAnswer409ForADirectReplayOfADeadLetterBehindEarlierOnesOfItsGroup() throws Exception {
        // the queue hands out at most ten of a group at a time, and none of it while those are held
        for (int i = 3; i <= 12; i++) {
            deadLetter("e-" + i, "shopify", "orders/create", GROUP);
        }

        Exchange answer = command("{\"mode\": \"direct\", \"eventId\": \"e-12\"}");

        assertRefused(answer, 409, "behind_its_group");
        assertThat(json(answer).path("message").asText()).contains(GROUP);
        assertThat(sqs.visible(queues.deadLetterQueueName())).hasSize(12);
        assertThat(sqs.messages(queues.queueName())).isEmpty();
        worker.expectedMessageCount(0);
        worker.assertIsSatisfied();
    }

    @Test
    void shouldAnswer400ForACommandItCannotRead() throws Exception {
        Map<String, String> refusals = Map.of(
                "", "bad_request",
                "not json", "bad_request",
                "[\"e-1\"]", "bad_request",
                "{\"mode\": \"sideways\", \"all\": true}", "bad_request",
                "{\"mode\": \"direct\"}", "bad_request",
                "{\"mode\": \"direct\", \"eventId\": \" \"}", "bad_request",
                "{}", "empty_filter",
                "{\"mode\": \"queue\", \"provider\": \" \"}", "empty_filter");

        refusals.forEach((body, error) -> {
            try {
                assertRefused(command(body), 400, error);
            } catch (Exception e) {
                throw new AssertionError(body, e);
            }
        });
        assertNothingMovedOrRun();
    }

    @Test
    void shouldAnswer503WhenTheDeadLetterQueueDoesNotAnswer() throws Exception {
        sqs.failWith(() -> SdkClientException.create("Unable to execute HTTP request: Connection refused"));

        assertRefused(command("{\"all\": true}"), 503, "unavailable");
        assertRefused(command("{\"mode\": \"direct\", \"eventId\": \"e-1\"}"), 503, "unavailable");

        sqs.failWith(null);
        assertNothingMovedOrRun();
        assertThat(store().status("e-1")).get().extracting(EventStatus::status).isEqualTo(EventStatus.DEAD_LETTERED);
        assertThat(metrics.replays()).isEmpty();
    }

    @Test
    void shouldAnswer500ForAnErrorThrownUnderEitherReplay() throws Exception {
        sqs.failWith(StackOverflowError::new);

        assertRefused(command("{\"all\": true}"), 500, "internal");
        assertRefused(command("{\"mode\": \"direct\", \"eventId\": \"e-1\"}"), 500, "internal");
        assertThat(context.getInflightRepository().size()).as("exchanges in flight").isZero();
        // the thread serves the next command as before
        sqs.failWith(null);
        assertThat(status(command("{\"all\": true, \"dryRun\": true}"))).isEqualTo(200);
    }

    @Test
    void shouldAnswerTheReplayRoutesCallerWithWhatTheReplayDid() throws Exception {
        ReplayFilter filter = new ReplayFilter(Set.of("e-2"), null, null, null, false, false);

        ReplayResult result = template.requestBody(ReplayRoute.REPLAY, filter, ReplayResult.class);

        assertThat(result).isEqualTo(new ReplayResult(1, 1, false, true));
        assertThat(eventIds(sqs.messages(queues.queueName()))).containsExactly("e-2");
        assertThat(eventIds(sqs.messages(queues.deadLetterQueueName()))).containsExactly("e-1");
    }

    @Test
    void shouldAnswerTheDirectReplayRoutesCallerWithTheOutcomeOrLeaveTheFailureToIt() throws Exception {
        DirectReplayOutcome outcome = template.requestBody(ReplayRoute.REPLAY_DIRECT, "e-2", DirectReplayOutcome.class);
        Exchange unknown = template.send(ReplayRoute.REPLAY_DIRECT, exchange -> exchange.getMessage().setBody("e-unknown"));

        assertThat(outcome).isEqualTo(DirectReplayOutcome.processed("e-2"));
        // the route answers nothing itself: its caller's error handling answers the failure
        assertThat(unknown.getException()).isInstanceOf(DeadLetterNotFound.class);
        assertThat(unknown.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isNull();
        worker.expectedMessageCount(1);
        worker.assertIsSatisfied();
    }
}
