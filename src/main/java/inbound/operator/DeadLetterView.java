package inbound.operator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import inbound.deadletter.DeadLetterNotFound;
import inbound.deadletter.DeadLetterQueue;
import inbound.store.EventStatus;
import inbound.store.EventStore;
import inbound.support.JsonAnswers;
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
            DeadLetterQueue.BehindItsGroup behind = lookup.behind(status).orElseThrow(() -> new DeadLetterNotFound(id, lookup.complete()));
            body.set("status", OperatorJson.status(status.get()));
            body.put("behind", behind.earlier());
            body.put("message", "Its payload cannot be shown now. " + behind.sentence());
        }
        JsonAnswers.answer(exchange, 200, body);
    }
}
