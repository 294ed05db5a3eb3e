package inbound.support;

import java.util.OptionalInt;

/**
 * A request Inbound refuses, with the HTTP status, error code and sentence it is answered with, and — when
 * the sender should come back — after how many seconds ({@code Retry-After}). The message is a human
 * sentence that never contains the payload or a secret. Webhooks and operator requests are refused alike.
 */
public class Refusal extends RuntimeException {

    private final int status;
    private final String code;
    private final OptionalInt retryAfterSeconds;

    public Refusal(int status, String code, String message) {
        this(status, code, message, OptionalInt.empty());
    }

    private Refusal(int status, String code, String message, OptionalInt retryAfterSeconds) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** The same refusal, telling the sender to retry after that many seconds. */
    public Refusal retryAfter(int seconds) {
        return new Refusal(status, code, getMessage(), OptionalInt.of(seconds));
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public OptionalInt retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
