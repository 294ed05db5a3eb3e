package routes;

import static org.assertj.core.api.Assertions.assertThat;

import inbound.claimcheck.ClaimCheck;
import inbound.claimcheck.PayloadPointer;
import inbound.deadletter.DeadLetterAttributes;
import inbound.embedded.FilePayloadStore;
import inbound.queue.EventAttributes;
import inbound.queue.SqsHeaders;
import inbound.store.EventStatus;
import inbound.store.EventStore;
import inbound.worker.GroupHoldBack;
import inbound.worker.PermanentFailure;
import inbound.worker.QueuedMessage;
import inbound.worker.WorkerProperties;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The worker route with the dead-letter queue mocked and a real (in-memory H2) database: every branch. */
class WorkerRouteTest extends InboundRouteTestSupport {

    private MockEndpoint deadLetters;
    private final AtomicInteger failuresToInject = new AtomicInteger();
    private final AtomicInteger shopifyProductRuns = new AtomicInteger();

    @Override
    protected Properties overrides() {
        Properties properties = new Properties();
        properties.put("inbound.worker.retries", "2");
        properties.put("inbound.worker.retry-delay-ms", "10");
        return properties;
    }

    @Override
    protected RoutesBuilder[] createRouteBuilders() {
        return new RoutesBuilder[] {new WorkerErrorHandling(), new WorkerRoute(), new RouteBuilder() {
            @Override
            public void configure() {
                // a user's processing route for one provider and topic
                from("direct:process-shopify-products-update").routeId("process-shopify-products-update")
                        .process(exchange -> {
                            if (failuresToInject.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                                throw new SQLException("Connection refused", "08001");
                            }
                            shopifyProductRuns.incrementAndGet();
                        });
                from("direct:process-github").routeId("process-github")
                        .process(exchange -> {
                            throw new PermanentFailure("unsupported_event", "process", "This installation does not handle GitHub events.");
                        });
            }
        }};
    }

    @BeforeEach
    void replaceTheQueuesWithMocks() throws Exception {
        AdviceWith.adviceWith(context, "worker", route -> {
            route.weaveById(WorkerErrorHandling.DEAD_LETTER_STEP).replace().to("mock:dead-letters");
            route.weaveById(WorkerErrorHandling.LAST_RECEIVE_DEAD_LETTER_STEP).replace().to("mock:dead-letters");
        });
        context.start();
        deadLetters = getMockEndpoint("mock:dead-letters");
    }

    private static String payload(String path) throws IOException {
        try (InputStream in = WorkerRouteTest.class.getResourceAsStream("/payloads/" + path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private Exchange deliver(String eventId, String provider, String topic, String body, int receiveCount) {
        return deliver(headers(eventId, provider, topic, receiveCount), body);
    }

    private static Map<String, Object> headers(String eventId, String provider, String topic, int receiveCount) {
        Map<String, Object> headers = new HashMap<>();
        headers.put(EventAttributes.EVENT_ID, eventId);
        headers.put(EventAttributes.PROVIDER, provider);
        headers.put(EventAttributes.TOPIC, topic);
        headers.put(EventAttributes.DELIVERY_ID, "delivery-" + eventId);
        headers.put(EventAttributes.RECEIVED_AT, "2026-11-29T10:00:00Z");
        headers.put(SqsHeaders.MESSAGE_GROUP_ID, provider + ":acme");
        headers.put(SqsHeaders.RECEIVE_COUNT, String.valueOf(receiveCount));
        return headers;
    }

    private Exchange deliver(Map<String, Object> headers, String body) {
        return template.send(WorkerRoute.ENDPOINT, exchange -> {
            exchange.getMessage().setHeaders(headers);
            exchange.getMessage().setBody(body);
        });
    }

    private EventStore store() {
        return context.getRegistry().lookupByNameAndType("eventStore", EventStore.class);
    }

    private long rows(String eventId) throws SQLException {
        DataSource dataSource = context.getRegistry().lookupByNameAndType("dataSource", DataSource.class);
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT COUNT(*) FROM processed_events WHERE event_id = '" + eventId + "'")) {
            result.next();
            return result.getLong(1);
        }
    }

    /** How often the worker counted this outcome of a Shopify event. */
    private double shopify(String outcome) throws Exception {
        return metrics().count("inbound_worker_events_total", Map.of("provider", "shopify", "outcome", outcome));
    }

    private ClaimCheck claimCheck() {
        return context.getRegistry().lookupByNameAndType("claimCheck", ClaimCheck.class);
    }

    /** A message whose body the embedded default stored aside: its pointer, with the stored size as the pointer's attribute. */
    private Exchange deliverStored(String eventId, String topic, PayloadPointer pointer, int size) {
        Map<String, Object> headers = headers(eventId, "shopify", topic, 1);
        headers.put(PayloadPointer.SIZE_ATTRIBUTE, String.valueOf(size));
        return deliver(headers, pointer.toBody());
    }

    private String processedPayload(String eventId) throws SQLException {
        DataSource dataSource = context.getRegistry().lookupByNameAndType("dataSource", DataSource.class);
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT payload FROM processed_events WHERE event_id = '" + eventId + "'")) {
            return result.next() ? result.getString(1) : null;
        }
    }

    @Test
    void shouldProcessAStoredBodyAsTheProviderSentIt() throws Exception {
        String body = payload("shopify/orders-create.json");
        PayloadPointer pointer = claimCheck().store("e-stored", body.getBytes(StandardCharsets.UTF_8));

        Exchange done = deliverStored("e-stored", "orders/create", pointer, body.length());

        assertThat(done.getException()).isNull();
        assertThat(processedPayload("e-stored")).isEqualTo(body);
        assertThat(done.getProperty(ClaimCheck.POINTER_PROPERTY)).as("released once its message is deleted").isEqualTo(pointer);
    }

    @Test
    void shouldDeadLetterAStoredBodyAsItsPointerAndKeepItStored() throws Exception {
        String invalid = payload("shopify/orders-create-invalid.json");
        PayloadPointer pointer = claimCheck().store("e-stored-invalid", invalid.getBytes(StandardCharsets.UTF_8));

        Exchange done = deliverStored("e-stored-invalid", "orders/create", pointer, invalid.length());

        assertThat(done.getException()).isNull();
        deadLetters.expectedMessageCount(1);
        deadLetters.assertIsSatisfied();
        Exchange dead = deadLetters.getReceivedExchanges().get(0);
        assertThat(dead.getMessage().getBody(String.class)).isEqualTo(pointer.toBody());
        assertThat(dead.getMessage().getHeaders())
                .containsEntry(PayloadPointer.SIZE_ATTRIBUTE, String.valueOf(invalid.length()))
                .containsEntry(DeadLetterAttributes.ERROR_CODE, "schema_violation");
        assertThat(dead.getMessage().getHeaders().keySet().stream().filter(name -> !name.startsWith("Camel"))).hasSizeLessThanOrEqualTo(10);
        assertThat(done.getProperty(ClaimCheck.POINTER_PROPERTY)).as("not released with the original").isNull();
        assertThat(claimCheck().read(pointer)).contains(invalid);
    }

    @Test
    void shouldDeadLetterAnUnprocessedEventWhoseStoredBodyIsGone() throws Exception {
        PayloadPointer gone = new PayloadPointer(FilePayloadStore.BUCKET, "e-gone." + "0".repeat(64));

        Exchange done = deliverStored("e-gone", "orders/create", gone, 100);

        assertThat(done.getException()).isNull();
        deadLetters.expectedMessageCount(1);
        deadLetters.assertIsSatisfied();
        assertThat(deadLetters.getReceivedExchanges().get(0).getMessage().getHeader(DeadLetterAttributes.ERROR_CODE)).isEqualTo("payload_unavailable");
        assertThat(store().status("e-gone").orElseThrow().errorCode()).isEqualTo("payload_unavailable");
    }

    @Test
    void shouldSkipAProcessedEventWhoseStoredBodyWasReleasedAsADuplicate() throws Exception {
        String body = payload("shopify/orders-create.json");
        PayloadPointer pointer = claimCheck().store("e-stored-twice", body.getBytes(StandardCharsets.UTF_8));
        deliverStored("e-stored-twice", "orders/create", pointer, body.length());
        claimCheck().release(pointer);

        Exchange again = deliverStored("e-stored-twice", "orders/create", pointer, body.length());

        assertThat(again.getException()).isNull();
        assertThat(rows("e-stored-twice")).isOne();
        deadLetters.expectedMessageCount(0);
        deadLetters.assertIsSatisfied();
    }

    @Test
    void shouldSkipAProcessedEventWithoutReadingItsStoredBody() throws Exception {
        deliver("e-processed-once", "shopify", "orders/create", payload("shopify/orders-create.json"), 1);
        // a store this Inbound does not read: reading it would dead-letter the event as payload_unavailable
        PayloadPointer unread = new PayloadPointer("another-inbounds-bucket", "e-processed-once." + "0".repeat(64));

        Exchange again = deliverStored("e-processed-once", "orders/create", unread, 100);

        assertThat(again.getException()).isNull();
        assertThat(rows("e-processed-once")).isOne();
        deadLetters.expectedMessageCount(0);
        deadLetters.assertIsSatisfied();
    }

    @Test
    void shouldRecordAValidEventAsARow() throws Exception {
        Exchange done = deliver("e-valid", "shopify", "orders/create", payload("shopify/orders-create.json"), 1);

        assertThat(done.getException()).isNull();
        assertThat(rows("e-valid")).isEqualTo(1);
        assertThat(store().status("e-valid")).get().extracting(EventStatus::status).isEqualTo(EventStatus.PROCESSED);
        deadLetters.expectedMessageCount(0);
        deadLetters.assertIsSatisfied();
        assertThat(shopify("processed")).isEqualTo(1);
        assertThat(metrics().count("inbound_worker_duration_seconds_count", Map.of("provider", "shopify"))).isEqualTo(1);
        assertThat(metrics().count("inbound_end_to_end_seconds_count", Map.of("provider", "shopify"))).isEqualTo(1);
    }

    @Test
    void shouldDeadLetterASchemaViolationWithItsReasonAndTheBodyUntouched() throws Exception {
        String invalid = payload("shopify/orders-create-invalid.json");

        Exchange done = deliver("e-invalid", "shopify", "orders/create", invalid, 1);

        assertThat(done.getException()).isNull();
        assertThat(rows("e-invalid")).isZero();
        deadLetters.expectedMessageCount(1);
        deadLetters.assertIsSatisfied();
        Exchange dead = deadLetters.getReceivedExchanges().get(0);
        assertThat(dead.getMessage().getBody(String.class)).isEqualTo(invalid);
        assertThat(dead.getMessage().getHeaders())
                .containsEntry(EventAttributes.EVENT_ID, "e-invalid")
                .containsEntry(EventAttributes.PROVIDER, "shopify")
                .containsEntry(EventAttributes.TOPIC, "orders/create")
                .containsEntry(DeadLetterAttributes.ERROR_CODE, "schema_violation")
                .containsEntry(DeadLetterAttributes.FAILED_STAGE, "validate")
                .containsKeys(DeadLetterAttributes.ERROR_MESSAGE, DeadLetterAttributes.FAILED_AT, EventAttributes.DELIVERY_ID, EventAttributes.RECEIVED_AT);
        assertThat(dead.getMessage().getHeaders()).hasSizeLessThanOrEqualTo(10);
        assertThat(dead.getMessage().getHeader(DeadLetterAttributes.ERROR_MESSAGE, String.class)).contains("total_price");
        assertThat(dead.getProperty(EventAttributes.GROUP_ID_PROPERTY)).isEqualTo("shopify:acme");
        EventStatus status = store().status("e-invalid").orElseThrow();
        assertThat(status.status()).isEqualTo(EventStatus.DEAD_LETTERED);
        assertThat(status.errorCode()).isEqualTo("schema_violation");
        assertThat(shopify("dead_lettered")).isEqualTo(1);
        assertThat(metrics().count("inbound_worker_duration_seconds_count", Map.of("provider", "shopify"))).isEqualTo(1);
        assertThat(metrics().count("inbound_end_to_end_seconds_count", Map.of("provider", "shopify"))).isZero();
    }

    @Test
    void shouldLeaveTheCountOfAFailedDirectReplayToTheReplay() throws Exception {
        Exchange done = template.send(WorkerRoute.ENDPOINT, exchange -> {
            exchange.getMessage().setHeaders(headers("e-replayed-invalid", "shopify", "orders/create", 1));
            exchange.getMessage().setBody(payload("shopify/orders-create-invalid.json"));
            exchange.setProperty(WorkerProperties.DIRECT_REPLAY, true);
        });

        assertThat(done.getException()).isNull();
        assertThat(store().status("e-replayed-invalid")).get().extracting(EventStatus::errorCode).isEqualTo("schema_violation");
        assertThat(shopify("dead_lettered")).as("its dead letter stays where it was: no new one").isZero();
    }

    @Test
    void shouldFallBackToTheProvidersDefaultSchemaForAnUnknownTopic() throws Exception {
        deliver("e-unknown-topic", "shopify", "carts/update", "{\"id\": 7, \"token\": \"abc\"}", 1);
        deliver("e-unknown-topic-array", "shopify", "carts/update", "[1, 2]", 1);

        assertThat(rows("e-unknown-topic")).isEqualTo(1);
        assertThat(rows("e-unknown-topic-array")).isZero();
        deadLetters.expectedMessageCount(1);
        deadLetters.assertIsSatisfied();
    }

    @Test
    void shouldValidateAndRecordAFormPostedEventAsItsParameters() throws Exception {
        String form = "MessageSid=SM1&AccountSid=AC123&From=%2B15551234567&Body=Hi+there";

        deliver("e-form", "twilio", "received", form, 1);
        deliver("e-form-invalid", "twilio", "received", "MessageSid=SM2&AccountSid=XX1", 1);

        assertThat(rows("e-form")).isEqualTo(1);
        assertThat(rows("e-form-invalid")).isZero();
        deadLetters.expectedMessageCount(1);
        deadLetters.assertIsSatisfied();
        assertThat(deadLetters.getReceivedExchanges().get(0).getMessage().getBody(String.class)).isEqualTo("MessageSid=SM2&AccountSid=XX1");
    }

    @Test
    void shouldDeadLetterAnUnreadablePayload() throws Exception {
        deliver("e-unreadable", "github", "push", "{not json", 1);

        deadLetters.expectedMessageCount(1);
        deadLetters.assertIsSatisfied();
        assertThat(deadLetters.getReceivedExchanges().get(0).getMessage().getHeader(DeadLetterAttributes.ERROR_CODE)).isEqualTo("unreadable_payload");
    }

    @Test
    void shouldRetryATransientFailureInProcessAndSucceed() throws Exception {
        failuresToInject.set(2);

        Exchange done = deliver("e-transient", "shopify", "products/update", payload("shopify/products-update.json"), 1);

        assertThat(done.getException()).isNull();
        assertThat(shopifyProductRuns).hasValue(1);
        assertThat(rows("e-transient")).isEqualTo(1);
    }

    @Test
    void shouldLeaveATransientFailureToTheQueueOnceRetriesAreSpent() throws Exception {
        failuresToInject.set(100);

        Exchange firstReceive = deliver("e-down", "shopify", "products/update", payload("shopify/products-update.json"), 1);

        // the exception stays on the exchange: the consumer does not delete the message, the queue redelivers it
        assertThat(firstReceive.getException()).isInstanceOf(SQLException.class);
        assertThat(rows("e-down")).isZero();
        deadLetters.expectedMessageCount(0);
        deadLetters.assertIsSatisfied();
        EventStatus status = store().status("e-down").orElseThrow();
        assertThat(status.status()).isEqualTo(EventStatus.ACCEPTED);
        assertThat(status.errorCode()).isEqualTo("transient_failure");
        assertThat(shopify("retried")).isEqualTo(1);
    }

    @Test
    void shouldHoldBackTheLaterMessagesOfAFailedMessagesGroupInOneReceive() throws Exception {
        failuresToInject.set(100);
        String body = payload("shopify/products-update.json");

        Exchange failed = receive(0, headers("e-group-first", "shopify", "products/update", 1), body);
        Exchange heldBack = receive(1, headers("e-group-second", "shopify", "products/update", 1), body);

        assertThat(failed.getException()).isInstanceOf(SQLException.class);
        assertThat(heldBack.getException()).isInstanceOf(GroupHoldBack.HeldBack.class);
        assertThat(shopify("retried")).isEqualTo(1);
        assertThat(shopify("held_back")).isEqualTo(1);
        assertThat(metrics().count("inbound_worker_duration_seconds_count", Map.of("provider", "shopify"))).as("one of them ran").isEqualTo(1);
    }

    /** The message at {@code index} of one receive, as the server's consumer hands it on. */
    private Exchange receive(int index, Map<String, Object> headers, String body) {
        return template.send(WorkerRoute.RECEIVED, exchange -> {
            exchange.setProperty(ExchangePropertyKey.BATCH_INDEX, index);
            exchange.getMessage().setHeaders(headers);
            exchange.getMessage().setBody(body);
        });
    }

    @Test
    void shouldDeadLetterATransientFailureItselfOnItsLastReceive() throws Exception {
        failuresToInject.set(100);
        String body = payload("shopify/products-update.json");

        Exchange lastReceive = deliver("e-down-last", "shopify", "products/update", body, 5);

        // handled: the consumer deletes the message once the dead letter is written
        assertThat(lastReceive.getException()).isNull();
        deadLetters.expectedMessageCount(1);
        deadLetters.assertIsSatisfied();
        Exchange dead = deadLetters.getReceivedExchanges().get(0);
        assertThat(dead.getMessage().getBody(String.class)).isEqualTo(body);
        assertThat(dead.getMessage().getHeaders())
                .containsEntry(EventAttributes.EVENT_ID, "e-down-last")
                .containsEntry(DeadLetterAttributes.ERROR_CODE, "max_receives_exceeded")
                .containsEntry(DeadLetterAttributes.FAILED_STAGE, "process")
                .doesNotContainKey("receiveCount");
        assertThat(dead.getMessage().getHeader(DeadLetterAttributes.ERROR_MESSAGE, String.class)).contains("Connection refused");
        EventStatus status = store().status("e-down-last").orElseThrow();
        assertThat(status.status()).isEqualTo(EventStatus.DEAD_LETTERED);
        assertThat(status.errorCode()).isEqualTo("max_receives_exceeded");
        assertThat(status.receiveCount()).isEqualTo(5);
        assertThat(shopify("dead_lettered")).isEqualTo(1);
        assertThat(shopify("retried")).isZero();
    }

    @Test
    void shouldLeaveAnEventOnTheQueueWhenItsDeadLetterCouldNotBeWritten() throws Exception {
        failuresToInject.set(100);
        deadLetters.whenAnyExchangeReceived(exchange -> {
            throw new IllegalStateException("dead-letter queue unreachable");
        });

        Exchange lastReceive = deliver("e-dlq-down", "shopify", "products/update", payload("shopify/products-update.json"), 5);

        assertThat(lastReceive.getException()).isNotNull();
        assertThat(store().status("e-dlq-down")).get().extracting(EventStatus::status).isNotEqualTo(EventStatus.DEAD_LETTERED);
        assertThat(shopify("retried")).as("left on the queue, to come again").isEqualTo(1);
        assertThat(shopify("dead_lettered")).isZero();
    }

    @Test
    void shouldDeadLetterAPermanentFailureOfTheUsersProcessingRoute() throws Exception {
        Exchange done = deliver("e-user-permanent", "github", "ping", payload("github/ping.json"), 1);

        assertThat(done.getException()).isNull();
        assertThat(rows("e-user-permanent")).isZero();
        deadLetters.expectedMessageCount(1);
        deadLetters.assertIsSatisfied();
        assertThat(deadLetters.getReceivedExchanges().get(0).getMessage().getHeaders())
                .containsEntry(DeadLetterAttributes.ERROR_CODE, "unsupported_event")
                .containsEntry(DeadLetterAttributes.FAILED_STAGE, "process");
    }

    @Test
    void shouldProcessADuplicateDeliveryOnce() throws Exception {
        String body = payload("shopify/products-update.json");

        deliver("e-twice", "shopify", "products/update", body, 1);
        deliver("e-twice", "shopify", "products/update", body, 1);

        assertThat(rows("e-twice")).isEqualTo(1);
        assertThat(shopifyProductRuns).hasValue(1);
        assertThat(shopify("processed")).isEqualTo(1);
        assertThat(shopify("duplicate")).isEqualTo(1);
    }
}
