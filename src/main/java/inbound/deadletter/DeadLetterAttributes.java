package inbound.deadletter;

/** The message attributes that say why an event is in the dead-letter queue. */
public final class DeadLetterAttributes {

    public static final String ERROR_CODE = "errorCode";
    public static final String ERROR_MESSAGE = "errorMessage";
    public static final String FAILED_STAGE = "failedStage";
    public static final String FAILED_AT = "failedAt";
    public static final String RECEIVE_COUNT = "receiveCount";

    private DeadLetterAttributes() {
    }
}
