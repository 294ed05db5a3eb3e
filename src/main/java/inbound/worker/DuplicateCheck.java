package inbound.worker;

import inbound.queue.QueuedEvent;
import inbound.store.EventStore;
import java.sql.SQLException;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Marks an event that was processed before (a provider's retry after the FIFO deduplication window,
 * or a replay of an event that did get processed), so that its effect is not done twice.
 */
public final class DuplicateCheck implements Processor {

    private final EventStore store;

    public DuplicateCheck(EventStore store) {
        this.store = store;
    }

    @Override
    public void process(Exchange exchange) throws SQLException {
        QueuedEvent event = exchange.getProperty(WorkerProperties.EVENT, QueuedEvent.class);
        exchange.setProperty(WorkerProperties.ALREADY_PROCESSED, store.isProcessed(event.eventId()));
    }
}
