package inbound.worker;

/**
 * A failure that no retry can mend (the event does not match its schema, the payload is
 * unreadable, no schema exists in strict mode): the event goes straight to the dead-letter queue
 * with this reason, and an operator replays it after a fix.
 */
public class PermanentFailure extends RuntimeException {

    private final String code;
    private final String stage;

    public PermanentFailure(String code, String stage, String message) {
        super(message, null, false, false);
        this.code = code;
        this.stage = stage;
    }

    public String code() {
        return code;
    }

    public String stage() {
        return stage;
    }
}
