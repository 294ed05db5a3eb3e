package inbound.worker;

import inbound.store.EventStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forgets the events processed longer ago than the retention, a batch per transaction until none is left,
 * so that the table is never locked for long and the worker goes on meanwhile. Dead letters stay.
 */
public final class RetentionPurge implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(RetentionPurge.class);

    private final EventStore store;
    private final Clock clock;
    private final Duration retention;
    private final int batchSize;

    public RetentionPurge(EventStore store, Clock clock, Duration retention, int batchSize) {
        this.store = store;
        this.clock = clock;
        this.retention = retention;
        this.batchSize = batchSize;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Instant cutoff = clock.instant().minus(retention);
        long total = 0;
        int purged;
        do {
            purged = store.purgeProcessedBefore(cutoff, batchSize);
            total += purged;
        } while (purged == batchSize);
        if (total > 0) {
            LOG.info("Forgot {} events processed before {} (kept {} days)", total, cutoff, retention.toDays());
        }
        exchange.getMessage().setBody(total);
    }
}
