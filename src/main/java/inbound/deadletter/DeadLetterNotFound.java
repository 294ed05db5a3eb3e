package inbound.deadletter;

/** No dead letter of that event is in the dead-letter queue. */
public class DeadLetterNotFound extends RuntimeException {

    public DeadLetterNotFound(String eventId) {
        super("No dead letter of event '" + eventId + "' is in the dead-letter queue.", null, false, false);
    }
}
