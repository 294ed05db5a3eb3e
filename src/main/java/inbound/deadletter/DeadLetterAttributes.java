package inbound.deadletter;

/** The message attributes that say why an event is in the dead-letter queue; how often it was received is in its status. */
public final class DeadLetterAttributes {

    public static final String ERROR_CODE = "errorCode";
    public static final String ERROR_MESSAGE = "errorMessage";
    public static final String FAILED_STAGE = "failedStage";
    public static final String FAILED_AT = "failedAt";

    private DeadLetterAttributes() {
    }
}
