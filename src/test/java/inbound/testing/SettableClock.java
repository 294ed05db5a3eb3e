package inbound.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A UTC clock at the instant a test sets, standing still or a step later at each look. */
public final class SettableClock extends Clock {

    private final Duration stepPerLook;
    private Instant now;

    public SettableClock(Instant start) {
        this(start, Duration.ZERO);
    }

    private SettableClock(Instant start, Duration stepPerLook) {
        this.now = start;
        this.stepPerLook = stepPerLook;
    }

    /** A clock that answers {@code start} first, and a step later at each look after it. */
    public static SettableClock advancingAtEachLook(Instant start, Duration step) {
        return new SettableClock(start, step);
    }

    public synchronized void set(Instant instant) {
        now = instant;
    }

    @Override
    public synchronized Instant instant() {
        Instant answer = now;
        now = now.plus(stepPerLook);
        return answer;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
