package inbound.support;

/**
 * How an unexpected failure is logged at ERROR: the type of its root cause and where that was thrown,
 * not its message, which may quote the payload (a parser's error names the text it choked on). The
 * whole failure belongs at DEBUG.
 */
public final class FailureWithoutMessage {

    private FailureWithoutMessage() {
    }

    /** e.g. {@code java.lang.NullPointerException at inbound.queue.BatchingQueueWriter.send(BatchingQueueWriter.java:271)}. */
    public static String describe(Throwable failure) {
        Throwable cause = failure;
        while (cause != null && cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        if (cause == null) {
            return "unknown";
        }
        return cause.getClass().getName() + " at " + (cause.getStackTrace().length == 0 ? "unknown" : cause.getStackTrace()[0]);
    }
}
