package inbound.operator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import inbound.deadletter.DeadLetterNotFound;
import inbound.deadletter.DeadLetterQueue;
import inbound.store.EventStore;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import software.amazon.awssdk.services.sqs.model.Message;

/** {@code GET /dead-letters/{id}}: the dead letter as it is in the queue — payload and attributes — with the event's status. */
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
        Message deadLetter = deadLetters.take(id).orElseThrow(() -> new DeadLetterNotFound(id));
        deadLetters.release(deadLetter);
        ObjectNode body = OperatorJson.JSON.createObjectNode().put("id", id);
        ObjectNode attributes = body.putObject("attributes");
        deadLetter.messageAttributes().forEach((name, value) -> attributes.put(name, value.stringValue()));
        store.status(id).ifPresent(status -> body.set("status", OperatorJson.status(status)));
        body.put("payload", deadLetter.body());
        OperatorJson.answer(exchange, 200, body);
    }
}
