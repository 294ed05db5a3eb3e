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
 * Forgets the events processed longer ago than the retention, a batch per transaction, so that the table is
 * never locked for long and the worker goes on meanwhile. Dead letters stay. It goes on until none is left or,
 * when the exchange has a {@link #STOP_BY} header, until that time has come: a Lambda invocation stops before
 * its own time runs out and the next one goes on. The body becomes the {@link Outcome}.
 */
public final class RetentionPurge implements Processor {

    /** The {@link Instant} after which no further batch is begun. */
    public static final String STOP_BY = "InboundRetentionStopBy";

    private static final Logger LOG = LoggerFactory.getLogger(RetentionPurge.class);

    private final EventStore store;
    private final Clock clock;
    private final Duration retention;
    private final int batchSize;

    /**
     * @param forgotten how many events this purge forgot
     * @param finished whether none processed before the cutoff is left; {@code false} when it stopped at its time
     * @param cutoff the events processed before it were forgotten
     */
    public record Outcome(long forgotten, boolean finished, Instant cutoff) {
    }

    public RetentionPurge(EventStore store, Clock clock, Duration retention, int batchSize) {
        this.store = store;
        this.clock = clock;
        this.retention = retention;
        this.batchSize = batchSize;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Instant stopBy = exchange.getMessage().getHeader(STOP_BY, Instant.class);
        Instant cutoff = clock.instant().minus(retention);
        long forgotten = 0;
        boolean finished = false;
        while (!finished && (stopBy == null || clock.instant().isBefore(stopBy))) {
            int purged = store.purgeProcessedBefore(cutoff, batchSize);
            forgotten += purged;
            finished = purged < batchSize;
        }
        if (forgotten > 0) {
            LOG.info("Forgot {} events processed before {} (kept {} days)", forgotten, cutoff, retention.toDays());
        }
        if (!finished) {
            LOG.info("The retention purge stopped at its time with more processed before {} to forget; its next run goes on", cutoff);
        }
        exchange.getMessage().setBody(new Outcome(forgotten, finished, cutoff));
    }
}
