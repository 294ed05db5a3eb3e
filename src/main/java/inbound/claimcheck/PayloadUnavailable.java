package inbound.claimcheck;

/** A queued message's stored body cannot be read: its pointer is malformed, names another store, or the body is gone. */
public final class PayloadUnavailable extends RuntimeException {

    public PayloadUnavailable(String message) {
        super(message);
    }

    public PayloadUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
