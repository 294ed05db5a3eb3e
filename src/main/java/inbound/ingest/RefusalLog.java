package inbound.ingest;

import inbound.support.AtMostOncePer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * A guard's changes between taking and refusing events, for its log: a line per refusal would add to the
 * overload. Under load the state can change at every other request, so a change is logged at most every
 * 10 s, and a change not logged yet is logged once the interval has passed — the last line always tells
 * the state the guard is in (as long as requests come).
 */
final class RefusalLog {

    private static final Duration LOG_INTERVAL = Duration.ofSeconds(10);

    private final AtMostOncePer log;
    private final AtomicLong refusedSinceLastLine = new AtomicLong();
    private volatile boolean loggedRefusing;

    RefusalLog(LongSupplier nanoTime) {
        this.log = new AtMostOncePer(LOG_INTERVAL, nanoTime);
    }

    /**
     * @param refusing whether this request is refused
     * @param refusingLine logs that events are refused from now on
     * @param takingLine logs that events are taken again, given how many were refused since the last line
     */
    void record(boolean refusing, Runnable refusingLine, LongConsumer takingLine) {
        if (refusing) {
            refusedSinceLastLine.incrementAndGet();
        }
        if (refusing != loggedRefusing && log.now()) {
            loggedRefusing = refusing;
            if (refusing) {
                refusingLine.run();
            } else {
                takingLine.accept(refusedSinceLastLine.getAndSet(0));
            }
        }
    }
}
