package inbound.worker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import inbound.claimcheck.ClaimCheck;
import inbound.claimcheck.PayloadPointer;
import inbound.claimcheck.PayloadUnavailable;
import inbound.queue.EventAttributes;
import inbound.queue.QueuedEvent;
import inbound.queue.SqsHeaders;
import inbound.signature.FormBodies;
import inbound.store.EventStatus;
import inbound.store.EventStore;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the queued message into a {@link QueuedEvent} (attributes, group, receive count, raw body,
 * taken from the {@link ClaimCheck}'s store where the message holds a pointer) and its payload as JSON, notes whether it was processed before (a provider's retry after the FIFO
 * window, or a replay of an event that did get processed: it is then skipped), and otherwise records
 * that the worker has it. A message without its attributes, whose stored body cannot be read, or
 * whose body is neither JSON nor form data, is a permanent failure.
 */
public final class QueuedEventReader implements Processor {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = LoggerFactory.getLogger(QueuedEventReader.class);

    private final EventStore store;
    private final Clock clock;
    private final ClaimCheck claimCheck;

    public QueuedEventReader(EventStore store, Clock clock, ClaimCheck claimCheck) {
        this.store = store;
        this.clock = clock;
        this.claimCheck = claimCheck;
    }

    @Override
    public void process(Exchange exchange) throws SQLException {
        Message message = exchange.getMessage();
        String eventId = required(message, EventAttributes.EVENT_ID);
        String provider = required(message, EventAttributes.PROVIDER);
        boolean processedBefore = store.isProcessed(eventId);
        String body = body(exchange, processedBefore);
        QueuedEvent event = new QueuedEvent(
                eventId,
                provider,
                message.getHeader(EventAttributes.TOPIC, String.class),
                message.getHeader(EventAttributes.DELIVERY_ID, eventId, String.class),
                message.getHeader(SqsHeaders.MESSAGE_GROUP_ID, provider + ":" + eventId, String.class),
                receivedAt(message),
                message.getHeader(SqsHeaders.RECEIVE_COUNT, 1, Integer.class),
                message.getHeader(EventAttributes.REPLAY_COUNT, 0, Integer.class),
                body == null ? "" : body);
        exchange.setProperty(WorkerProperties.EVENT, event);
        exchange.setProperty(WorkerProperties.ALREADY_PROCESSED, processedBefore);
        if (processedBefore) {
            LOG.info("Event {} skipped: it was processed before", eventId);
            WorkerOutcome.note(exchange, WorkerOutcome.DUPLICATE);
            return;
        }
        exchange.setProperty(WorkerProperties.PAYLOAD, payload(event.body()));
        store.saveStatus(EventStatus.of(event).accepted(clock.instant()));
    }

    /**
     * The event's body: the message's own, or the one its pointer names, which then becomes the message's
     * body for the processing that follows (the pointer is kept for the dead letter and the release).
     * An event processed before is skipped without its stored body, which may be gone already (and in S3
     * would cost a download of up to megabytes for nothing).
     */
    private String body(Exchange exchange, boolean processedBefore) {
        Message message = exchange.getMessage();
        String queued = message.getBody(String.class);
        Optional<PayloadPointer> pointer;
        Optional<String> stored;
        try {
            pointer = PayloadPointer.inMessage(queued, message.getHeader(PayloadPointer.SIZE_ATTRIBUTE, String.class));
            stored = pointer.isPresent() && !processedBefore ? claimCheck.read(pointer.get()) : Optional.empty();
        } catch (PayloadUnavailable unreadable) {
            throw new PermanentFailure("payload_unavailable", "parse", unreadable.getMessage());
        }
        if (pointer.isEmpty()) {
            return queued == null ? "" : queued;
        }
        exchange.setProperty(ClaimCheck.POINTER_PROPERTY, pointer.get());
        if (stored.isEmpty() && !processedBefore) {
            throw new PermanentFailure("payload_unavailable", "parse",
                    "The stored payload " + pointer.get().key() + " is gone, though its event was never processed.");
        }
        String body = stored.orElse("");
        message.setBody(body);
        return body;
    }

    /**
     * The payload as JSON: a JSON body as it is; a form body (ingest queues only these two) as an object
     * of its parameters, each a string, or an array of strings when repeated.
     */
    private static JsonNode payload(String body) {
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException notJson) {
            if (!FormBodies.isWellFormed(body)) {
                throw new PermanentFailure("unreadable_payload", "parse", "The payload is neither well-formed JSON nor form data.");
            }
            ObjectNode form = JSON.createObjectNode();
            FormBodies.parse(body.getBytes(StandardCharsets.UTF_8)).forEach((name, values) -> {
                if (values.size() == 1) {
                    form.put(name, values.get(0));
                } else {
                    values.forEach(form.putArray(name)::add);
                }
            });
            return form;
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
