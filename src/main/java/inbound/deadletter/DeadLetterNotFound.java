package inbound.deadletter;

/** No dead letter of that event is in the dead-letter queue, or none was found before the look-up's time limit. */
public class DeadLetterNotFound extends RuntimeException {

    /** @param lookedAtAll whether the look-up saw all the queue handed out, or stopped at its time limit */
    public DeadLetterNotFound(String eventId, boolean lookedAtAll) {
        super(lookedAtAll ? "No dead letter of event '" + eventId + "' is in the dead-letter queue."
                : "No dead letter of event '" + eventId + "' was among those the dead-letter queue handed out within the look-up's"
                        + " time limit (inbound.dlq.visit-limit-ms); try again.", null, false, false);
    }
}
