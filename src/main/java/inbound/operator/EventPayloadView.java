package inbound.operator;

import inbound.store.EventStore;
import inbound.support.JsonAnswers;
import inbound.support.Refusal;
import java.nio.charset.StandardCharsets;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * {@code GET /events/{id}/payload}: a processed event's payload as it was received, and its size in bytes.
 * A dead letter's payload is in the dead-letter queue: {@code GET /dead-letters/{id}}.
 */
public final class EventPayloadView implements Processor {

    private final EventStore store;

    public EventPayloadView(EventStore store) {
        this.store = store;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        String id = exchange.getMessage().getHeader("id", String.class);
        String payload = store.processedPayload(id).orElseThrow(() -> new Refusal(404, "not_processed",
                "Event '" + id + "' has not been processed: a dead letter's payload is at /dead-letters/" + id + "."));
        JsonAnswers.answer(exchange, 200, OperatorJson.JSON.createObjectNode()
                .put("id", id)
                .put("payloadBytes", payload.getBytes(StandardCharsets.UTF_8).length)
                .put("payload", payload));
    }
}
