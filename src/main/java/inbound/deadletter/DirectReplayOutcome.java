package inbound.deadletter;

/** What running one dead letter through the worker did: {@code processed}, or {@code failed} with the new reason. */
public record DirectReplayOutcome(String eventId, String outcome, String errorCode, String errorMessage) {

    public static final String PROCESSED = "processed";
    public static final String FAILED = "failed";

    public static DirectReplayOutcome processed(String eventId) {
        return new DirectReplayOutcome(eventId, PROCESSED, null, null);
    }

    public static DirectReplayOutcome failed(String eventId, String errorCode, String errorMessage) {
        return new DirectReplayOutcome(eventId, FAILED, errorCode, errorMessage);
    }
}
