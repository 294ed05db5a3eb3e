package inbound.operator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import inbound.store.EventStatus;
import inbound.store.EventStore;
import inbound.support.JsonAnswers;
import inbound.support.Refusal;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * {@code GET /dead-letters?page=&size=}: the dead-lettered events, newest first, with their reasons,
 * as the worker recorded them (the dead-letter queue itself cannot be listed without receiving it).
 */
public final class DeadLetterList implements Processor {

    private static final int MAX_PAGE_SIZE = 200;

    private final EventStore store;

    public DeadLetterList(EventStore store) {
        this.store = store;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        int page = positive(exchange, "page", 1);
        int size = Math.min(MAX_PAGE_SIZE, positive(exchange, "size", 50));
        ObjectNode body = OperatorJson.JSON.createObjectNode()
                .put("total", store.countWithStatus(EventStatus.DEAD_LETTERED))
                .put("page", page)
                .put("size", size);
        ArrayNode items = body.putArray("items");
        store.withStatus(EventStatus.DEAD_LETTERED, (page - 1) * size, size).forEach(status -> items.add(OperatorJson.status(status)));
        JsonAnswers.answer(exchange, 200, body);
    }

    private static int positive(Exchange exchange, String parameter, int fallback) {
        String value = exchange.getMessage().getHeader(parameter, String.class);
        if (value == null) {
            return fallback;
        }
        try {
            int number = Integer.parseInt(value);
            if (number >= 1) {
                return number;
            }
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw new Refusal(400, "bad_request", "'" + parameter + "' must be a whole number of at least 1.");
    }
}
