package inbound.operator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import inbound.claimcheck.ClaimCheck;
import inbound.claimcheck.PayloadPointer;
import inbound.claimcheck.PayloadUnavailable;
import inbound.deadletter.DeadLetterNotFound;
import inbound.deadletter.DeadLetterQueue;
import inbound.store.EventStatus;
import inbound.store.EventStore;
import inbound.support.JsonAnswers;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * {@code GET /dead-letters/{id}}: the dead letter as it is in the queue — payload and attributes — with the
 * event's status. A dead letter the queue cannot hand out now, behind earlier ones of its FIFO group (SQS
 * hands out at most ten of a group at a time), is answered with its recorded status and a sentence saying
 * why its payload is not shown.
 */
public final class DeadLetterView implements Processor {

    private final DeadLetterQueue deadLetters;
    private final EventStore store;
    private final ClaimCheck claimCheck;

    public DeadLetterView(DeadLetterQueue deadLetters, EventStore store, ClaimCheck claimCheck) {
        this.deadLetters = deadLetters;
        this.store = store;
        this.claimCheck = claimCheck;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        String id = exchange.getMessage().getHeader("id", String.class);
        DeadLetterQueue.Lookup lookup = deadLetters.find(id);
        Optional<EventStatus> status = store.status(id);
        ObjectNode body = OperatorJson.JSON.createObjectNode().put("id", id);
        if (lookup.deadLetter().isPresent()) {
            Message deadLetter = lookup.deadLetter().get();
            deadLetters.release(deadLetter);
            ObjectNode attributes = body.putObject("attributes");
            deadLetter.messageAttributes().forEach((name, value) -> attributes.put(name, value.stringValue()));
            status.ifPresent(known -> body.set("status", OperatorJson.status(known)));
            payload(deadLetter, body);
        } else {
            DeadLetterQueue.BehindItsGroup behind = lookup.behind(status).orElseThrow(() -> new DeadLetterNotFound(id, lookup.complete()));
            body.set("status", OperatorJson.status(status.get()));
            body.put("behind", behind.earlier());
            body.put("message", "Its payload cannot be shown now. " + behind.sentence());
        }
        JsonAnswers.answer(exchange, 200, body);
    }

    /** The payload as the provider sent it, taken from the store where the dead letter points to it, and its size. */
    private void payload(Message deadLetter, ObjectNode body) {
        Optional<PayloadPointer> pointer;
        try {
            pointer = deadLetters.storedBody(deadLetter);
            if (pointer.isEmpty()) {
                body.put("payload", deadLetter.body()).put("payloadBytes", deadLetter.body().getBytes(StandardCharsets.UTF_8).length);
                return;
            }
            body.put("payloadBytes", Long.parseLong(DeadLetterQueue.attribute(deadLetter, PayloadPointer.SIZE_ATTRIBUTE)));
            Optional<String> stored = claimCheck.read(pointer.get());
            if (stored.isPresent()) {
                body.put("payload", stored.get());
            } else {
                body.put("message", "Its payload is no longer stored: the event was processed since.");
            }
        } catch (PayloadUnavailable | NumberFormatException unreadable) {
            body.put("message", "Its payload cannot be shown: " + unreadable.getMessage());
        }
    }
}
