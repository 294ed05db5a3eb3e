package inbound.operator;

import inbound.support.Refusal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Set;
import org.apache.camel.Exchange;

/**
 * The query parameters of an operator request, read and checked: what is not as documented is refused with
 * 400 naming the parameter. The HTTP component puts query parameters among the message's headers.
 */
final class OperatorQuery {

    /** What both databases store as a timestamp. */
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    private final Exchange exchange;

    OperatorQuery(Exchange exchange) {
        this.exchange = exchange;
    }

    /** {@code page} (from 1) and {@code size} (up to {@link Page#MAX_SIZE}; 50 when absent). */
    Page page() {
        Page page = new Page(positive("page", 1), Math.min(Page.MAX_SIZE, positive("size", 50)));
        if ((long) (page.number() - 1) * page.size() > Page.MAX_OFFSET) {
            throw new Refusal(400, "bad_request", "'page' goes deeper than " + Page.MAX_OFFSET + " events: narrow the filters instead.");
        }
        return page;
    }

    /** One page of a list: its number, from 1, and how many it holds at most. */
    record Page(int number, int size) {

        static final int MAX_SIZE = 200;
        /** Paging is for reading; deeper than this, the filters find an event sooner (and the database pages no further). */
        static final int MAX_OFFSET = 1_000_000;

        int offset() {
            return (number - 1) * size;
        }
    }

    /** A whole number of at least 1, or the fallback when absent. */
    int positive(String parameter, int fallback) {
        String value = raw(parameter);
        if (value == null) {
            return fallback;
        }
        try {
            int number = Integer.parseInt(value);
            if (number >= 1) {
                return number;
            }
        } catch (NumberFormatException ignored) {
            // refused below
        }
        throw new Refusal(400, "bad_request", "'" + parameter + "' must be a whole number of at least 1.");
    }

    /** Text of at most {@code maxLength} characters, or null when absent or blank. */
    String text(String parameter, int maxLength) {
        String value = raw(parameter);
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > maxLength) {
            throw new Refusal(400, "bad_request", "'" + parameter + "' must be at most " + maxLength + " characters.");
        }
        return value.strip();
    }

    /** One of the allowed values, or null when absent or blank. */
    String oneOf(String parameter, Set<String> allowed) {
        String value = text(parameter, 64);
        if (value != null && !allowed.contains(value)) {
            throw new Refusal(400, "bad_request", "'" + parameter + "' must be one of " + String.join(", ", allowed.stream().sorted().toList()) + ".");
        }
        return value;
    }

    /** An instant in ISO-8601 (e.g. {@code 2026-12-01T10:00:00Z}), or null when absent or blank. */
    Instant instant(String parameter) {
        String value = text(parameter, 64);
        if (value == null) {
            return null;
        }
        Instant instant;
        try {
            instant = Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new Refusal(400, "bad_request", "'" + parameter + "' must be an instant such as 2026-12-01T10:00:00Z.");
        }
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            throw new Refusal(400, "bad_request", "'" + parameter + "' must be an instant of the years 1 to 9999.");
        }
        return instant;
    }

    private String raw(String parameter) {
        return exchange.getMessage().getHeader(parameter, String.class);
    }
}
