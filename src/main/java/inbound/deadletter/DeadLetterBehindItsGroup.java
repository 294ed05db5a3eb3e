package inbound.deadletter;

/** The event's dead letter is in the dead-letter queue, but the queue cannot hand it out now: earlier ones of its group come first. */
public class DeadLetterBehindItsGroup extends RuntimeException {

    public DeadLetterBehindItsGroup(String eventId, DeadLetterQueue.BehindItsGroup behind) {
        super("The dead letter of event '" + eventId + "' cannot be replayed now. " + behind.sentence(), null, false, false);
    }
}
