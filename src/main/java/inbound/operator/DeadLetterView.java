package inbound.operator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import inbound.deadletter.DeadLetterNotFound;
import inbound.deadletter.DeadLetterQueue;
import inbound.store.EventStatus;
import inbound.store.EventStore;
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

    public DeadLetterView(DeadLetterQueue deadLetters, EventStore store) {
        this.deadLetters = deadLetters;
        this.store = store;
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
            body.put("payload", deadLetter.body());
        } else {
            EventStatus behind = status.filter(known -> EventStatus.DEAD_LETTERED.equals(known.status()) && lookup.seenOf(known.groupId()) > 0)
                    .orElseThrow(() -> new DeadLetterNotFound(id));
            int earlier = lookup.seenOf(behind.groupId());
            body.set("status", OperatorJson.status(behind));
            body.put("behind", earlier);
            body.put("message", "Its payload cannot be shown now: it is behind " + earlier + " earlier dead letters of group '"
                    + behind.groupId() + "', and the dead-letter queue hands out a group's dead letters in order, at most ten at a time."
                    + " Replay those first.");
        }
        OperatorJson.answer(exchange, 200, body);
    }
}
