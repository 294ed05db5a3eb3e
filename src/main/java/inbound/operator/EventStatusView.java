package inbound.operator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import inbound.store.EventStore;
import inbound.support.JsonAnswers;
import inbound.support.Refusal;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** {@code GET /events/{id}}: where the event is in its life, and every state it went through (its timeline). */
public final class EventStatusView implements Processor {

    private final EventStore store;

    public EventStatusView(EventStore store) {
        this.store = store;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        String id = exchange.getMessage().getHeader("id", String.class);
        ObjectNode body = OperatorJson.status(store.status(id).orElseThrow(() -> new Refusal(404, "unknown_event",
                "No event '" + id + "' is known: it does not exist, or the worker has not received it yet.")));
        ArrayNode timeline = body.putArray("timeline");
        store.timeline(id).forEach(transition -> timeline.add(OperatorJson.transition(transition)));
        JsonAnswers.answer(exchange, 200, body);
    }
}
