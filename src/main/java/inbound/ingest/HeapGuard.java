package inbound.ingest;

import inbound.queue.Overloaded;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refuses new events (503 with Retry-After) while the heap, measured right after the latest garbage
 * collection, is fuller than the limit — before the process runs out of memory. The embedded queue
 * keeps every message it was sent in the last five minutes in the heap (its FIFO deduplication
 * history, bodies included), so a sustained rate the heap was not sized for fills it even when the
 * worker keeps up; a refused provider retries later, an out-of-memory process answers no one.
 */
public final class HeapGuard implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(HeapGuard.class);
    /** Once refusing, it takes events again only this far below the limit: at the limit itself it would flip at every collection. */
    private static final double RESUME_BELOW_LIMIT_BY = 0.05;

    private final DoubleSupplier heapAfterCollection;
    private final double limit;
    private final RefusalLog log;
    private volatile boolean refusing;

    /** @param limit the fraction of the maximum heap (0-1) above which events are refused; 1 or more never refuses */
    public HeapGuard(DoubleSupplier heapAfterCollection, double limit) {
        this(heapAfterCollection, limit, System::nanoTime);
    }

    HeapGuard(DoubleSupplier heapAfterCollection, double limit, LongSupplier nanoTime) {
        this.heapAfterCollection = heapAfterCollection;
        this.limit = limit;
        this.log = new RefusalLog(nanoTime);
    }

    @Override
    public void process(Exchange exchange) {
        double fraction = heapAfterCollection.getAsDouble();
        boolean full = refusing ? fraction > limit - RESUME_BELOW_LIMIT_BY : fraction > limit;
        refusing = full;
        log.record(full,
                () -> LOG.warn("The heap is {}% full after garbage collection (limit {}%): refusing new events with 503 until it is {}% or less",
                        Math.round(fraction * 100), Math.round(limit * 100), Math.round((limit - RESUME_BELOW_LIMIT_BY) * 100)),
                refused -> LOG.info("The heap is {}% full after garbage collection: taking events again ({} refused since the last line)",
                        Math.round(fraction * 100), refused));
        if (full) {
            throw new Overloaded("Inbound's memory is nearly full; retry later.");
        }
    }
}
