package inbound.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * What happened, by provider and outcome (what ingest answered, which state the worker put an event in), and
 * how long it took where that counts, kept a minute at a time for the last day in this process's memory: the
 * console's overview. A restart starts it again ({@link #countingSince()}). Durations go into fixed buckets,
 * so a percentile reads as "at most" the bucket's bound.
 */
public final class MinuteTally {
    /** Upper bounds of the duration buckets, in milliseconds; a last bucket holds what is slower. */
    static final long[] BOUNDS_MS = {1, 2, 3, 5, 7, 10, 15, 20, 30, 50, 75, 100, 150, 200, 300, 500, 750, 1_000, 2_000, 5_000, 10_000};
    private static final int MINUTES = 24 * 60;

    private final Clock clock;
    private final Instant countingSince;
    private final Minute[] minutes = new Minute[MINUTES];

    public MinuteTally(Clock clock) {
        this.clock = clock;
        this.countingSince = clock.instant();
        for (int i = 0; i < MINUTES; i++) {
            minutes[i] = new Minute();
        }
    }

    public Instant countingSince() {
        return countingSince;
    }

    /** One outcome, and how long it took. */
    public void record(String provider, String outcome, Duration took) {
        long minute = clock.millis() / 60_000;
        minutes[(int) (minute % MINUTES)].at(minute).record(provider, outcome, took.toMillis());
    }

    /** One outcome, of no duration worth counting. */
    public void count(String provider, String outcome) {
        long minute = clock.millis() / 60_000;
        minutes[(int) (minute % MINUTES)].at(minute).record(provider, outcome, -1);
    }

    /** What happened since the given instant (whole minutes), by provider. */
    public Map<String, ProviderTally> since(Instant since) {
        Map<String, ProviderTally> total = new TreeMap<>();
        long first = since.toEpochMilli() / 60_000;
        long last = clock.millis() / 60_000;
        for (long minute = Math.max(first, last - MINUTES + 1); minute <= last; minute++) {
            minutes[(int) (minute % MINUTES)].addTo(minute, total);
        }
        return total;
    }

    /** How often the outcome happened in each whole minute since the given instant, all providers together; minutes without any left out. */
    public Map<Instant, Long> perMinuteSince(Instant since, String outcome) {
        Map<Instant, Long> perMinute = new TreeMap<>();
        long first = since.toEpochMilli() / 60_000;
        long last = clock.millis() / 60_000;
        for (long minute = Math.max(first, last - MINUTES + 1); minute <= last; minute++) {
            Map<String, ProviderTally> one = new TreeMap<>();
            minutes[(int) (minute % MINUTES)].addTo(minute, one);
            long count = one.values().stream().mapToLong(tally -> tally.outcomes().getOrDefault(outcome, 0L)).sum();
            if (count > 0) {
                perMinute.put(Instant.ofEpochSecond(minute * 60), count);
            }
        }
        return perMinute;
    }

    /** A provider's outcomes in a window: how many of each, and the durations by bucket. */
    public record ProviderTally(Map<String, Long> outcomes, long[] durationBuckets) {

        /** The bound in milliseconds that the given share of durations stayed within (null without any; -1 beyond the last bound). */
        public Long percentileMs(double share) {
            long count = 0;
            for (long bucket : durationBuckets) {
                count += bucket;
            }
            if (count == 0) {
                return null;
            }
            long rank = (long) Math.ceil(share * count);
            long seen = 0;
            for (int i = 0; i < durationBuckets.length; i++) {
                seen += durationBuckets[i];
                if (seen >= rank) {
                    return i < BOUNDS_MS.length ? BOUNDS_MS[i] : -1L;
                }
            }
            return -1L;
        }

        private void add(ProviderMinute minute) {
            minute.outcomes.forEach((outcome, adder) -> outcomes.merge(outcome, adder.sum(), Long::sum));
            for (int i = 0; i < durationBuckets.length; i++) {
                durationBuckets[i] += minute.durations.get(i);
            }
        }
    }

    /** One minute of the day's ring: reset when the ring comes round to it again. */
    private static final class Minute {

        private long minute = -1;
        private Map<String, ProviderMinute> providers = new ConcurrentHashMap<>();

        synchronized Minute at(long now) {
            if (minute != now) {
                minute = now;
                providers = new ConcurrentHashMap<>();
            }
            return this;
        }

        void record(String provider, String outcome, long millis) {
            Map<String, ProviderMinute> current;
            synchronized (this) {
                current = providers;
            }
            current.computeIfAbsent(provider, any -> new ProviderMinute()).record(outcome, millis);
        }

        synchronized void addTo(long wanted, Map<String, ProviderTally> total) {
            if (minute != wanted) {
                return;
            }
            providers.forEach((provider, counts) -> total.computeIfAbsent(provider,
                    any -> new ProviderTally(new TreeMap<>(), new long[BOUNDS_MS.length + 1])).add(counts));
        }
    }

    private static final class ProviderMinute {

        private final Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
        private final AtomicLongArray durations = new AtomicLongArray(BOUNDS_MS.length + 1);

        /** A negative duration is none: the outcome is counted alone. */
        void record(String outcome, long millis) {
            outcomes.computeIfAbsent(outcome, any -> new LongAdder()).increment();
            if (millis < 0) {
                return;
            }
            int bucket = 0;
            while (bucket < BOUNDS_MS.length && millis > BOUNDS_MS[bucket]) {
                bucket++;
            }
            durations.incrementAndGet(bucket);
        }
    }
}
