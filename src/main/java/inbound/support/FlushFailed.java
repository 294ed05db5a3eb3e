package inbound.support;

/** What a store acknowledged could not be made durable; whoever waited for it must not report success. */
public class FlushFailed extends RuntimeException {

    public FlushFailed(String message, Throwable cause) {
        super(message, cause);
    }
}
