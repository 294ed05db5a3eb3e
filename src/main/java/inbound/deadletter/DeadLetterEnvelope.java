package inbound.deadletter;

import inbound.claimcheck.ClaimCheck;
import inbound.claimcheck.PayloadPointer;
import inbound.queue.EventAttributes;
import inbound.queue.SqsHeaders;
import inbound.worker.QueuedMessage;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Prepares the dead-letter copy of a permanently failed event: the original body untouched, the
 * original event attributes, and the reason as attributes of its own, in the event's own message
 * group; a body stored aside stays there, and the dead letter carries its pointer. The receive and replay
 * counts are left to the database: SQS allows ten attributes, and these are at most ten.
 */
public final class DeadLetterEnvelope implements Processor {

    private final Clock clock;

    public DeadLetterEnvelope(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void process(Exchange exchange) {
        Message message = exchange.getMessage();
        int receiveCount = message.getHeader(SqsHeaders.RECEIVE_COUNT, 1, Integer.class);
        int replayCount = message.getHeader(EventAttributes.REPLAY_COUNT, 0, Integer.class);
        DeadLetterReason reason = DeadLetterReason.of(exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class), clock.instant(), receiveCount);
        String eventId = message.getHeader(EventAttributes.EVENT_ID, message.getMessageId(), String.class);
        String groupId = message.getHeader(SqsHeaders.MESSAGE_GROUP_ID, "dead-letters", String.class);

        Map<String, Object> attributes = new HashMap<>();
        for (String name : EventAttributes.EVENT_METADATA) {
            String value = message.getHeader(name, String.class);
            if (value != null && !value.isEmpty()) {
                attributes.put(name, value);
            }
        }
        // Camel's own headers stay (DeadLetterWriter sends none of them as attributes): the consumer needs
        // the receipt handle to delete the original once its dead letter is written
        message.removeHeaders("*", "Camel*");
        attributes.put(DeadLetterAttributes.ERROR_CODE, reason.code());
        attributes.put(DeadLetterAttributes.ERROR_MESSAGE, reason.message());
        attributes.put(DeadLetterAttributes.FAILED_STAGE, reason.stage());
        attributes.put(DeadLetterAttributes.FAILED_AT, reason.failedAt().toString());
        attributes.forEach(message::setHeader);
        // a stored body stays stored: the dead letter carries its pointer, and the body is not released with the original
        PayloadPointer pointer = exchange.getProperty(ClaimCheck.POINTER_PROPERTY, PayloadPointer.class);
        if (pointer != null) {
            message.setBody(pointer.toBody());
            exchange.removeProperty(ClaimCheck.POINTER_PROPERTY);
        }

        exchange.setProperty(DeadLetterReason.PROPERTY, reason);
        exchange.setProperty(EventAttributes.GROUP_ID_PROPERTY, groupId);
        // a second dead-lettering of the same attempt (redelivered after a crash) is deduplicated; one after a replay is not
        exchange.setProperty(EventAttributes.DEDUPLICATION_ID_PROPERTY, "dead-letter:" + eventId + ":" + replayCount);
    }
}
