package inbound.operator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import inbound.store.EventStatus;
import inbound.store.EventStore;
import inbound.support.JsonAnswers;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * {@code GET /dead-letters?page=&size=}: the dead-lettered events, newest first, with their reasons,
 * as the worker recorded them (the dead-letter queue itself cannot be listed without receiving it).
 */
public final class DeadLetterList implements Processor {

    private final EventStore store;

    public DeadLetterList(EventStore store) {
        this.store = store;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        OperatorQuery.Page page = new OperatorQuery(exchange).page();
        ObjectNode body = OperatorJson.JSON.createObjectNode()
                .put("total", store.countWithStatus(EventStatus.DEAD_LETTERED))
                .put("page", page.number())
                .put("size", page.size());
        ArrayNode items = body.putArray("items");
        store.withStatus(EventStatus.DEAD_LETTERED, page.offset(), page.size()).forEach(status -> items.add(OperatorJson.status(status)));
        JsonAnswers.answer(exchange, 200, body);
    }
}
