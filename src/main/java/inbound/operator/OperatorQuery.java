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

    private final Exchange exchange;

    OperatorQuery(Exchange exchange) {
        this.exchange = exchange;
    }

    /** {@code page} (from 1) and {@code size} (up to {@link Page#MAX_SIZE}; 50 when absent). */
    Page page() {
        return new Page(positive("page", 1), Math.min(Page.MAX_SIZE, positive("size", 50)));
    }

    /** One page of a list: its number, from 1, and how many it holds at most. */
    record Page(int number, int size) {

        static final int MAX_SIZE = 200;

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
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new Refusal(400, "bad_request", "'" + parameter + "' must be an instant such as 2026-12-01T10:00:00Z.");
        }
    }

    private String raw(String parameter) {
        return exchange.getMessage().getHeader(parameter, String.class);
    }
}
