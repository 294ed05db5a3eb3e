package inbound.signature;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;

/** The freshness rule of timestamped schemes: refused when too old and when too far in the future. */
final class Timestamps {

    private Timestamps() {
    }

    /** @return null when {@code unixSeconds} is within {@code tolerance} of now, else why not */
    static String staleness(String unixSeconds, Clock clock, Duration tolerance) {
        if (unixSeconds == null || unixSeconds.isBlank()) {
            return "The signature timestamp is missing.";
        }
        long seconds;
        try {
            seconds = Long.parseLong(unixSeconds.trim());
        } catch (NumberFormatException e) {
            return "The signature timestamp is not a number of seconds.";
        }
        Duration skew;
        try {
            skew = Duration.between(Instant.ofEpochSecond(seconds), clock.instant()).abs();
        } catch (DateTimeException | ArithmeticException outOfRange) {
            return "The signature timestamp is out of range.";
        }
        return skew.compareTo(tolerance) > 0 ? "The signature timestamp is outside the tolerance of " + tolerance.toSeconds() + " s." : null;
    }
}
