package inbound.support;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/** Lets something happen at most once per interval, however often it is asked — a log line under load, say. */
public final class AtMostOncePer {

    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private final AtomicLong last;

    /** @param nanoTime the clock, System::nanoTime but in tests */
    public AtMostOncePer(Duration interval, LongSupplier nanoTime) {
        this.intervalNanos = interval.toNanos();
        this.nanoTime = nanoTime;
        this.last = new AtomicLong(nanoTime.getAsLong() - intervalNanos);
    }

    /** True for the first caller once the interval since the last true has passed. */
    public boolean now() {
        long now = nanoTime.getAsLong();
        long previous = last.get();
        return now - previous >= intervalNanos && last.compareAndSet(previous, now);
    }
}
