package inbound.lambda;

import inbound.claimcheck.ClaimCheck;
import inbound.claimcheck.PayloadPointer;
import inbound.queue.EventAttributes;
import inbound.worker.QueuedMessage;
import org.apache.camel.Exchange;

/**
 * The worker function's release of a processed event's stored body (the server's is in BatchedDeletes):
 * the event source deletes the record only after the invocation, so the body goes as soon as its event
 * is processed and recorded — a record that comes again after all is skipped as processed before, which
 * needs no body. A dead-lettered event keeps its body (its exchange carries no pointer any more), and so
 * does a direct replay's: its dead letter still points to it until the replay function deletes it, and
 * releases the body then.
 */
final class ProcessedBodyRelease {

    private final ClaimCheck claimCheck;

    ProcessedBodyRelease(ClaimCheck claimCheck) {
        this.claimCheck = claimCheck;
    }

    /** After {@code done}, the run of {@code message}, processed its event. */
    void processed(Exchange done, QueuedMessage message) {
        PayloadPointer storedBody = done.getProperty(ClaimCheck.POINTER_PROPERTY, PayloadPointer.class);
        if (storedBody == null || EventAttributes.DIRECT_REPLAY_MODE.equals(message.attributes().get(EventAttributes.REPLAY_MODE))) {
            return;
        }
        claimCheck.release(storedBody);
    }
}
