package inbound.worker;

import inbound.queue.QueuedEvent;
import inbound.queue.SqsHeaders;
import org.apache.camel.Exchange;
import org.apache.camel.Predicate;

/**
 * Whether a transiently failing event has had its last receive: the worker then moves it to the
 * dead-letter queue itself, durably before its message is deleted, instead of leaving the move to the
 * queue's redrive (set higher, as a backstop only). A direct replay of a dead letter never counts: it
 * stays where it is.
 */
public final class ReceiveLimit implements Predicate {

    private final int maxReceiveCount;

    public ReceiveLimit(int maxReceiveCount) {
        this.maxReceiveCount = maxReceiveCount;
    }

    @Override
    public boolean matches(Exchange exchange) {
        if (exchange.getProperty(WorkerProperties.DIRECT_REPLAY) != null) {
            return false;
        }
        // the event as read, since the dead-letter envelope replaces the message's headers
        QueuedEvent event = exchange.getProperty(WorkerProperties.EVENT, QueuedEvent.class);
        int receiveCount = event != null ? event.receiveCount()
                : exchange.getMessage().getHeader(SqsHeaders.RECEIVE_COUNT, 1, Integer.class);
        return receiveCount >= maxReceiveCount;
    }
}
