package inbound.ingest;

import inbound.claimcheck.ClaimCheck;
import inbound.queue.EmbeddedQueueBound;
import inbound.queue.QueueBacklog;
import inbound.queue.QueueFull;
import inbound.queue.QueueWriteRejected;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refuses new events (503 {@code queue_full} with Retry-After) once the embedded queue holds as much as its
 * bound allows, and takes them again once it has drained below the bound's resume mark. The embedded queue
 * keeps every message in the heap and writes its file behind: past the heap it fails inside its store and
 * damages the file, so the bound stays well below the heap (and {@link HeapGuard} is only the backstop).
 * An event let through is counted at once, so that a burst between two measurements of the queue cannot
 * overrun the bound.
 */
public final class QueueFullGuard implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(QueueFullGuard.class);

    private final QueueBacklog backlog;
    private final EmbeddedQueueBound bound;
    private final ClaimCheck claimCheck;
    private final RefusalLog log;
    private volatile boolean refusing;

    /** {@code claimCheck}: a body it stores aside is held by the queue as its pointer. */
    public QueueFullGuard(QueueBacklog backlog, EmbeddedQueueBound bound, ClaimCheck claimCheck) {
        this.backlog = backlog;
        this.bound = bound;
        this.claimCheck = claimCheck;
        this.log = new RefusalLog(System::nanoTime);
    }

    @Override
    public void process(Exchange exchange) {
        QueueBacklog.Held held = backlog.held();
        boolean full = full(held);
        log.record(full,
                () -> LOG.warn("The embedded queue holds {}: refusing new events with 503 queue_full until it holds less than {} % of each bound",
                        bound.describe(held), bound.resumePercent()),
                refused -> LOG.info("The embedded queue holds {}: taking events again ({} refused since the last line)",
                        bound.describe(held), refused));
        if (full) {
            throw new QueueFull("The embedded queue is full; retry later.");
        }
        backlog.countSend(claimCheck.queuedBodyBytes(exchange.getProperty(IngestProperties.RAW_BODY, byte[].class).length));
    }

    /** Whether a new event would be refused now: for {@code /health}, which may ask when no event comes. */
    public boolean refusing() {
        try {
            return full(backlog.held());
        } catch (QueueWriteRejected unreadable) {
            // /health reports the queue itself as down
            return refusing;
        }
    }

    private boolean full(QueueBacklog.Held held) {
        boolean full = refusing ? !bound.drained(held) : bound.reached(held);
        refusing = full;
        return full;
    }
}
