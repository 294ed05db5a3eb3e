package inbound.worker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import inbound.queue.EventAttributes;
import inbound.queue.QueuedEvent;
import inbound.store.EventStatus;
import inbound.store.EventStore;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Reads the queued message into a {@link QueuedEvent} (attributes, group, receive count, raw body)
 * and records that the worker has it. A message without its attributes, or whose body is not JSON,
 * is a permanent failure.
 */
public final class QueuedEventReader implements Processor {

    /** System attributes camel-aws2-sqs puts on received messages as headers. */
    public static final String GROUP_ID_HEADER = "MessageGroupId";
    public static final String RECEIVE_COUNT_HEADER = "ApproximateReceiveCount";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final EventStore store;
    private final Clock clock;

    public QueuedEventReader(EventStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public void process(Exchange exchange) throws SQLException {
        Message message = exchange.getMessage();
        String eventId = required(message, EventAttributes.EVENT_ID);
        String provider = required(message, EventAttributes.PROVIDER);
        String body = message.getBody(String.class);
        QueuedEvent event = new QueuedEvent(
                eventId,
                provider,
                message.getHeader(EventAttributes.TOPIC, String.class),
                message.getHeader(EventAttributes.DELIVERY_ID, eventId, String.class),
                message.getHeader(GROUP_ID_HEADER, provider + ":" + eventId, String.class),
                receivedAt(message),
                message.getHeader(RECEIVE_COUNT_HEADER, 1, Integer.class),
                message.getHeader(EventAttributes.REPLAY_COUNT, 0, Integer.class),
                body == null ? "" : body);
        exchange.setProperty(WorkerProperties.EVENT, event);
        try {
            JSON.readTree(event.body());
        } catch (JsonProcessingException e) {
            throw new PermanentFailure("unreadable_payload", "parse", "The payload is not well-formed JSON.");
        }
        if (!store.isProcessed(eventId)) {
            store.saveStatus(new EventStatus(eventId, provider, event.topic(), event.groupId(), event.receivedAt(), EventStatus.ACCEPTED,
                    null, null, null, event.receiveCount(), event.replayCount(), clock.instant()));
        }
    }

    private static String required(Message message, String attribute) {
        String value = message.getHeader(attribute, String.class);
        if (value == null || value.isBlank()) {
            throw new PermanentFailure("missing_attributes", "parse", "The message has no '" + attribute + "' attribute.");
        }
        return value;
    }

    private Instant receivedAt(Message message) {
        String value = message.getHeader(EventAttributes.RECEIVED_AT, String.class);
        try {
            return value == null ? clock.instant() : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new PermanentFailure("missing_attributes", "parse", "The 'receivedAt' attribute is not an ISO-8601 instant.");
        }
    }
}
