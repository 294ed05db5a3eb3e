package inbound.deadletter;

import inbound.queue.EventAttributes;
import inbound.queue.QueuedEvent;
import inbound.store.EventStatus;
import inbound.store.EventStore;
import inbound.worker.RunStatus;
import inbound.worker.WorkerOutcome;
import inbound.worker.WorkerProperties;
import java.sql.SQLException;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Records, once the dead-letter queue holds the event, that it is dead-lettered and why, and logs it. */
public final class DeadLetterRecorder implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterRecorder.class);

    private final EventStore store;

    public DeadLetterRecorder(EventStore store) {
        this.store = store;
    }

    @Override
    public void process(Exchange exchange) throws SQLException {
        DeadLetterReason reason = exchange.getProperty(DeadLetterReason.PROPERTY, DeadLetterReason.class);
        QueuedEvent event = exchange.getProperty(WorkerProperties.EVENT, QueuedEvent.class);
        Message message = exchange.getMessage();
        WorkerOutcome.note(exchange, WorkerOutcome.DEAD_LETTERED);
        String eventId = message.getHeader(EventAttributes.EVENT_ID, String.class);
        // the code and stage only: a reason's message may quote what the payload holds
        if (exchange.getProperty(WorkerProperties.DIRECT_REPLAY, false, Boolean.class)) {
            LOG.warn("Event {} still fails in its direct replay, and stays in the dead-letter queue: {} in {}", eventId, reason.code(), reason.stage());
        } else {
            LOG.warn("Event {} dead-lettered: {} in {}", eventId, reason.code(), reason.stage());
        }
        if (eventId == null) {
            return;
        }
        RunStatus.save(store, exchange, EventStatus.of(eventId, message.getHeader(EventAttributes.PROVIDER, "unknown", String.class),
                        message.getHeader(EventAttributes.TOPIC, String.class))
                .deliveryId(message.getHeader(EventAttributes.DELIVERY_ID, String.class))
                .groupId(exchange.getProperty(EventAttributes.GROUP_ID_PROPERTY, String.class))
                .receivedAt(event == null ? null : event.receivedAt())
                .receiveCount(reason.receiveCount())
                .replayCount(event == null ? 0 : event.replayCount())
                .deadLettered(reason.code(), reason.message(), reason.stage(), reason.failedAt()));
    }
}
