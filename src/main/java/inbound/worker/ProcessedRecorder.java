package inbound.worker;

import inbound.queue.QueuedEvent;
import inbound.store.EventStatus;
import inbound.store.EventStore;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default processing: the event becomes a row of {@code processed_events} (once) and its status {@code processed};
 * a run that finds the row written meanwhile (another delivery of the event, at the same time) is a duplicate.
 */
public final class ProcessedRecorder implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessedRecorder.class);

    private final EventStore store;
    private final Clock clock;

    public ProcessedRecorder(EventStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public void process(Exchange exchange) throws SQLException {
        QueuedEvent event = exchange.getProperty(WorkerProperties.EVENT, QueuedEvent.class);
        Instant now = clock.instant();
        boolean recorded = store.recordProcessed(event, now, EventStatus.of(event).processed(now));
        LOG.info(recorded ? "Event {} processed" : "Event {} skipped: it was processed meanwhile", event.eventId());
        WorkerOutcome.note(exchange, recorded ? WorkerOutcome.PROCESSED : WorkerOutcome.DUPLICATE);
    }
}
