package inbound.deadletter;

/** What running one dead letter through the worker did: {@code processed}, or {@code failed} with the new reason. */
public record DirectReplayOutcome(String eventId, String outcome, String errorCode, String errorMessage) {

    public static DirectReplayOutcome processed(String eventId) {
        return new DirectReplayOutcome(eventId, "processed", null, null);
    }

    public static DirectReplayOutcome failed(String eventId, String errorCode, String errorMessage) {
        return new DirectReplayOutcome(eventId, "failed", errorCode, errorMessage);
    }
}
