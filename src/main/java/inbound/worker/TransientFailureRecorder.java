package inbound.worker;

import inbound.queue.QueuedEvent;
import inbound.store.EventStatus;
import inbound.store.EventStore;
import java.time.Clock;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After the in-process retries of a transient failure are spent, the message is left on the queue
 * to be received again; this notes the last error on the event's status, and on its last receive
 * (once the worker wrote it to the dead-letter queue) marks it dead-lettered.
 * Best effort: when the database itself is what failed, there is nothing to write to.
 */
public final class TransientFailureRecorder implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(TransientFailureRecorder.class);

    private final EventStore store;
    private final Clock clock;
    private final int maxReceiveCount;

    public TransientFailureRecorder(EventStore store, Clock clock, int maxReceiveCount) {
        this.store = store;
        this.clock = clock;
        this.maxReceiveCount = maxReceiveCount;
    }

    @Override
    public void process(Exchange exchange) {
        QueuedEvent event = exchange.getProperty(WorkerProperties.EVENT, QueuedEvent.class);
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String error = failure == null ? "unknown" : failure.getClass().getSimpleName() + ": " + failure.getMessage();
        if (event == null) {
            LOG.warn("Transient failure before the event was read; the queue will deliver it again: {}", error);
            return;
        }
        boolean lastReceive = event.receiveCount() >= maxReceiveCount;
        WorkerOutcome.note(exchange, lastReceive ? WorkerOutcome.DEAD_LETTERED : WorkerOutcome.RETRIED);
        LOG.warn("Event {} failed transiently on receive {} of {}{}: {}", event.eventId(), event.receiveCount(), maxReceiveCount,
                lastReceive ? " (moved to the dead-letter queue)" : "", error);
        try {
            String reason = error.length() > 1000 ? error.substring(0, 1000) : error;
            RunStatus.save(store, exchange, lastReceive
                    ? EventStatus.of(event).deadLettered("max_receives_exceeded", reason, "process", clock.instant())
                    : EventStatus.of(event).retrying("transient_failure", reason, "process", clock.instant()));
        } catch (Exception unavailable) {
            LOG.debug("Could not record the transient failure of event {}", event.eventId(), unavailable);
        }
    }
}
