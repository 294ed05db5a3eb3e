package routes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import inbound.claimcheck.ClaimCheck;
import inbound.deadletter.DeadLetterAttributes;
import inbound.deadletter.DeadLetterNotFound;
import inbound.deadletter.DeadLetterQueue;
import inbound.deadletter.DirectReplayOutcome;
import inbound.deadletter.ReplayFilter;
import inbound.deadletter.ReplayResult;
import inbound.operator.DeadLetterView;
import inbound.queue.EventAttributes;
import inbound.queue.QueueSettings;
import inbound.store.EventStatus;
import inbound.store.EventStore;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * The operator API routes (see {@link OperatorApiRouteTestSupport}) with a real in-memory database and the
 * dead-letter queue in memory: every answer, and what was or was not handed on to a replay.
 */
class OperatorApiRouteTest extends OperatorApiRouteTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "operator-token-for-tests";
    private static final String BEARER = "Bearer " + TOKEN;
    private static final String GROUP = "shopify:acme.myshopify.com";

    private InMemorySqs sqs;
    private QueueSettings queues;

    @Override
    protected Properties overrides() {
        Properties properties = new Properties();
        properties.put("inbound.admin.token", TOKEN);
        return properties;
    }

    /** The dead-letter view as {@code OperatorBeans} wires it, over a dead-letter queue in memory. */
    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        queues = context.getRegistry().lookupByNameAndType("queueSettings", QueueSettings.class);
        sqs = new InMemorySqs(queues.queueName(), queues.deadLetterQueueName());
        context.getRegistry().bind("deadLetterView", new DeadLetterView(new DeadLetterQueue(sqs, queues, Duration.ofSeconds(10)),
                context.getRegistry().lookupByNameAndType("eventStore", EventStore.class), ClaimCheck.NONE));
        return context;
    }

    @BeforeEach
    void answerAsTheReplayStepsWould() {
        replay.whenAnyExchangeReceived(exchange -> exchange.getMessage().setBody(new ReplayResult(1, 1, false, true)));
        replayDirect.whenAnyExchangeReceived(exchange ->
                exchange.getMessage().setBody(DirectReplayOutcome.processed(exchange.getMessage().getBody(String.class))));
    }

    private Exchange request(String route, Map<String, String> headers, String body) {
        return template.send("direct:" + route, exchange -> {
            exchange.getMessage().setHeaders(new HashMap<>(headers));
            exchange.getMessage().setBody(body);
        });
    }

    private Exchange authorized(String route, Map<String, String> parameters, String body) {
        Map<String, String> headers = new HashMap<>(parameters);
        headers.put("Authorization", BEARER);
        return request(route, headers, body);
    }

    private static int status(Exchange answer) {
        return answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
    }

    private static JsonNode json(Exchange answer) throws Exception {
        return JSON.readTree(answer.getMessage().getBody(String.class));
    }

    private static void assertAnswer(Exchange answer, int status) {
        assertThat(answer.getException()).isNull();
        assertThat(status(answer)).isEqualTo(status);
        // nothing of the request (its token included) is echoed back
        assertThat(answer.getMessage().getHeaders()).containsOnlyKeys(Exchange.HTTP_RESPONSE_CODE, Exchange.CONTENT_TYPE);
        assertThat(answer.getMessage().getHeader(Exchange.CONTENT_TYPE)).isEqualTo("application/json");
    }

    private static void assertRefused(Exchange answer, int status, String error) throws Exception {
        assertAnswer(answer, status);
        assertThat(json(answer).path("error").asText()).isEqualTo(error);
        assertThat(json(answer).path("message").asText()).isNotBlank();
    }

    private EventStore store() {
        return context.getRegistry().lookupByNameAndType("eventStore", EventStore.class);
    }

    private void deadLettered(String eventId, Instant updatedAt) throws Exception {
        store().saveStatus(EventStatus.of(eventId, "shopify", "orders/create").groupId(GROUP).receivedAt(Instant.parse("2026-11-29T10:00:00Z"))
                .receiveCount(1).deadLettered("schema_violation", "The event does not match its schema.", "validate", updatedAt));
        sqs.put(queues.deadLetterQueueName(), GROUP, "{\"id\": \"" + eventId + "\"}", Map.of(
                EventAttributes.EVENT_ID, eventId, EventAttributes.PROVIDER, "shopify", DeadLetterAttributes.ERROR_CODE, "schema_violation"));
    }

    @Test
    void shouldRefuseEveryRouteWithoutTheBearerToken() throws Exception {
        List<Map<String, String>> unauthorized = List.of(Map.of(), Map.of("Authorization", "Bearer wrong-token"),
                Map.of("Authorization", TOKEN), Map.of("Authorization", "Basic " + TOKEN));

        for (String route : ROUTES) {
            for (Map<String, String> headers : unauthorized) {
                Map<String, String> withParameters = new HashMap<>(headers);
                withParameters.put("id", "e-1");
                withParameters.put("mode", "direct");
                assertRefused(request(route, withParameters, "{\"all\": true}"), 401, "unauthorized");
            }
        }
        assertNothingReplayed();
    }

    @Test
    void shouldAnswerAnEventsStatusOr404() throws Exception {
        deadLettered("e-1", Instant.parse("2026-11-29T10:00:05Z"));

        Exchange known = authorized("api-event-status", Map.of("id", "e-1"), null);
        Exchange unknown = authorized("api-event-status", Map.of("id", "e-unknown"), null);

        assertAnswer(known, 200);
        assertThat(json(known)).isEqualTo(JSON.readTree("{\"id\": \"e-1\", \"provider\": \"shopify\", \"topic\": \"orders/create\","
                + " \"deliveryId\": null, \"groupId\": \"" + GROUP + "\", \"status\": \"dead_lettered\", \"receivedAt\": \"2026-11-29T10:00:00Z\","
                + " \"receiveCount\": 1, \"replayCount\": 0, \"updatedAt\": \"2026-11-29T10:00:05Z\","
                + " \"reason\": {\"code\": \"schema_violation\", \"message\": \"The event does not match its schema.\", \"stage\": \"validate\"},"
                + " \"timeline\": [{\"status\": \"dead_lettered\", \"at\": \"2026-11-29T10:00:05Z\", \"receiveCount\": 1, \"replayCount\": 0,"
                + " \"reason\": {\"code\": \"schema_violation\", \"message\": \"The event does not match its schema.\", \"stage\": \"validate\"}}]}"));
        assertRefused(unknown, 404, "unknown_event");
    }

    @Test
    void shouldFindEventsByTheirCriteriaNewestReceivedFirst() throws Exception {
        deadLettered("e-1", Instant.parse("2026-11-29T10:00:05Z"));
        store().saveStatus(EventStatus.of("e-2", "github", "push").deliveryId("d-2").groupId("github:inbound")
                .receivedAt(Instant.parse("2026-11-29T10:01:00Z")).accepted(Instant.parse("2026-11-29T10:01:01Z")));

        Exchange all = authorized("api-events", Map.of(), null);
        Exchange byDelivery = authorized("api-events", Map.of("id", "d-2"), null);
        Exchange deadLetters = authorized("api-events", Map.of("status", "dead_lettered", "error", "schema_violation", "provider", "shopify"), null);
        Exchange byTime = authorized("api-events", Map.of("from", "2026-11-29T10:00:30Z"), null);
        Exchange firstOfOne = authorized("api-events", Map.of("size", "1"), null);

        assertAnswer(all, 200);
        assertThat(json(all).path("items").findValuesAsText("id")).containsExactly("e-2", "e-1");
        assertThat(json(all).path("more").asBoolean()).isFalse();
        assertThat(json(byDelivery).path("items").findValuesAsText("id")).containsExactly("e-2");
        assertThat(json(deadLetters).path("items").findValuesAsText("id")).containsExactly("e-1");
        assertThat(json(byTime).path("items").findValuesAsText("id")).containsExactly("e-2");
        assertThat(json(firstOfOne).path("items").findValuesAsText("id")).containsExactly("e-2");
        assertThat(json(firstOfOne).path("more").asBoolean()).isTrue();
    }

    @Test
    void shouldAnswer400ForASearchCriterionThatIsNotAsDocumented() throws Exception {
        for (Map<String, String> parameters : List.of(Map.of("status", "lost"), Map.of("from", "yesterday"), Map.of("q", "x".repeat(201)),
                Map.of("page", "0"), Map.of("page", "2147483647"), Map.of("to", "+300000-01-01T00:00:00Z"))) {
            assertRefused(authorized("api-events", parameters, null), 400, "bad_request");
        }
    }

    @Test
    void shouldAnswerAProcessedEventsPayloadOr404() throws Exception {
        deadLettered("e-1", Instant.parse("2026-11-29T10:00:05Z"));

        assertRefused(authorized("api-event-payload", Map.of("id", "e-1"), null), 404, "not_processed");
    }

    @Test
    void shouldListTheDeadLettersNewestFirstByPage() throws Exception {
        deadLettered("e-old", Instant.parse("2026-11-29T10:00:00Z"));
        deadLettered("e-new", Instant.parse("2026-11-29T11:00:00Z"));

        Exchange first = authorized("api-dead-letters", Map.of(), null);
        Exchange second = authorized("api-dead-letters", Map.of("page", "2", "size", "1"), null);

        assertAnswer(first, 200);
        assertThat(json(first).path("total").asLong()).isEqualTo(2);
        assertThat(json(first).path("page").asInt()).isEqualTo(1);
        assertThat(json(first).path("size").asInt()).isEqualTo(50);
        assertThat(json(first).path("items").findValuesAsText("id")).containsExactly("e-new", "e-old");
        assertThat(json(second).path("items").findValuesAsText("id")).containsExactly("e-old");
    }

    @Test
    void shouldAnswer400ForAPageOrSizeThatIsNotAPositiveWholeNumber() throws Exception {
        for (Map<String, String> parameters : List.of(Map.of("page", "0"), Map.of("page", "x"), Map.of("size", "-1"), Map.of("size", "1.5"))) {
            assertRefused(authorized("api-dead-letters", parameters, null), 400, "bad_request");
        }
    }

    @Test
    void shouldShowADeadLetterAsTheQueueHoldsItAndLeaveItThere() throws Exception {
        deadLettered("e-1", Instant.parse("2026-11-29T10:00:05Z"));

        Exchange answer = authorized("api-dead-letter", Map.of("id", "e-1"), null);

        assertAnswer(answer, 200);
        assertThat(json(answer).path("payload").asText()).isEqualTo("{\"id\": \"e-1\"}");
        assertThat(json(answer).path("attributes").path(DeadLetterAttributes.ERROR_CODE).asText()).isEqualTo("schema_violation");
        assertThat(json(answer).path("status").path("status").asText()).isEqualTo(EventStatus.DEAD_LETTERED);
        assertThat(sqs.visible(queues.deadLetterQueueName())).hasSize(1);
    }

    @Test
    void shouldSayWhyADeadLetterBehindEarlierOnesOfItsGroupCannotBeShown() throws Exception {
        for (int i = 1; i <= 11; i++) {
            deadLettered("e-" + i, Instant.parse("2026-11-29T10:00:00Z").plusSeconds(i));
        }

        Exchange answer = authorized("api-dead-letter", Map.of("id", "e-11"), null);

        assertAnswer(answer, 200);
        assertThat(json(answer).path("behind").asInt()).isEqualTo(10);
        assertThat(json(answer).path("message").asText()).contains(GROUP);
        assertThat(json(answer).has("payload")).isFalse();
        assertThat(sqs.visible(queues.deadLetterQueueName())).hasSize(11);
    }

    @Test
    void shouldAnswer404ForADeadLetterThatIsNotThereAnd503WhenTheQueueDoesNotAnswer() throws Exception {
        assertRefused(authorized("api-dead-letter", Map.of("id", "e-unknown"), null), 404, "not_found");

        sqs.failWith(() -> SdkClientException.create("Unable to execute HTTP request: Connection refused"));

        assertRefused(authorized("api-dead-letter", Map.of("id", "e-1"), null), 503, "unavailable");
    }

    @Test
    void shouldAnswer500ForAnErrorAStepThrewAndServeTheNextRequest() throws Exception {
        deadLettered("e-1", Instant.parse("2026-11-29T10:00:05Z"));
        sqs.failWith(StackOverflowError::new);

        assertRefused(authorized("api-dead-letter", Map.of("id", "e-1"), null), 500, "internal");

        sqs.failWith(null);
        assertAnswer(authorized("api-dead-letter", Map.of("id", "e-1"), null), 200);
    }

    @Test
    void shouldHandTheReplayFilterOnAndAnswerWhatTheReplayDid() throws Exception {
        replay.whenAnyExchangeReceived(exchange -> exchange.getMessage().setBody(new ReplayResult(3, 2, false, false)));

        Exchange answer = authorized("api-replay", Map.of(), "{\"ids\": [\"e-1\"], \"provider\": \"shopify\", \"topic\": \"orders/create\","
                + " \"error\": \"schema_violation\", \"dryRun\": true}");

        assertAnswer(answer, 200);
        assertThat(json(answer).path("matched").asInt()).isEqualTo(3);
        assertThat(json(answer).path("moved").asInt()).isEqualTo(2);
        assertThat(json(answer).path("complete").asBoolean()).isFalse();
        assertThat(json(answer).path("message").asText()).contains("run it again");
        assertThat(replay.getReceivedExchanges()).singleElement().extracting(exchange -> exchange.getMessage().getBody())
                .isEqualTo(new ReplayFilter(Set.of("e-1"), "shopify", "orders/create", "schema_violation", false, true));
        replayDirect.expectedMessageCount(0);
        replayDirect.assertIsSatisfied();
    }

    @Test
    void shouldAnswer400ForAReplayBodyThatIsNotANonEmptyFilter() throws Exception {
        Map<String, String> refusals = Map.of("not json", "bad_request", "[\"e-1\"]", "bad_request", "", "empty_filter",
                "{}", "empty_filter", "{\"all\": false, \"provider\": null}", "empty_filter");

        for (Map.Entry<String, String> refusal : refusals.entrySet()) {
            assertRefused(authorized("api-replay", Map.of(), refusal.getKey()), 400, refusal.getValue());
        }
        assertNothingReplayed();
    }

    @Test
    void shouldMoveOneDeadLetterBackToTheQueueUnlessAskedToRunItDirectly() throws Exception {
        Exchange queued = authorized("api-replay-one", Map.of("id", "e-1"), null);
        Exchange queuedByName = authorized("api-replay-one", Map.of("id", "e-2", "mode", "queue"), null);

        assertAnswer(queued, 200);
        assertThat(json(queued)).isEqualTo(JSON.readTree("{\"matched\": 1, \"moved\": 1, \"dryRun\": false, \"complete\": true}"));
        assertAnswer(queuedByName, 200);
        assertThat(replay.getReceivedExchanges()).extracting(exchange -> exchange.getMessage().getBody()).containsExactly(
                new ReplayFilter(Set.of("e-1"), null, null, null, false, false), new ReplayFilter(Set.of("e-2"), null, null, null, false, false));
        replayDirect.expectedMessageCount(0);
        replayDirect.assertIsSatisfied();
    }

    @Test
    void shouldRunOneDeadLetterThroughTheWorkerInDirectMode() throws Exception {
        replayDirect.expectedBodiesReceived("e-1");

        Exchange answer = authorized("api-replay-one", Map.of("id", "e-1", "mode", "direct"), null);

        assertAnswer(answer, 200);
        assertThat(json(answer)).isEqualTo(JSON.readTree(
                "{\"eventId\": \"e-1\", \"outcome\": \"processed\", \"errorCode\": null, \"errorMessage\": null}"));
        replayDirect.assertIsSatisfied();
        replay.expectedMessageCount(0);
        replay.assertIsSatisfied();
    }

    @Test
    void shouldAnswer400ForAnUnknownReplayMode() throws Exception {
        assertRefused(authorized("api-replay-one", Map.of("id", "e-1", "mode", "sideways"), null), 400, "bad_request");
        assertNothingReplayed();
    }

    @Test
    void shouldAnswerAFailedReplayWithItsJsonError() throws Exception {
        replayDirect.whenAnyExchangeReceived(exchange -> {
            throw new DeadLetterNotFound("e-1", true);
        });
        replay.whenAnyExchangeReceived(exchange -> {
            throw SdkClientException.create("Unable to execute HTTP request: Connection refused");
        });

        assertRefused(authorized("api-replay-one", Map.of("id", "e-1", "mode", "direct"), null), 404, "not_found");
        assertRefused(authorized("api-replay-one", Map.of("id", "e-1"), null), 503, "unavailable");
        assertRefused(authorized("api-replay", Map.of(), "{\"all\": true}"), 503, "unavailable");
    }
}
