package inbound.operator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import inbound.store.EventQuery;
import inbound.store.EventStatus;
import inbound.store.EventStore;
import inbound.support.JsonAnswers;
import java.util.List;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * {@code GET /events?provider=&topic=&status=&error=&group=&id=&q=&from=&to=&page=&size=}: the events,
 * newest received first, a page at a time. {@code id} is an event id or a delivery id; {@code q} is looked
 * for, ignoring case, in the payloads of the newest processed events (see {@link EventQuery}).
 */
public final class EventSearch implements Processor {

    private static final Set<String> STATUSES = Set.of(EventStatus.ACCEPTED, EventStatus.PROCESSED, EventStatus.DEAD_LETTERED,
            EventStatus.REPLAYED);

    private final EventStore store;

    public EventSearch(EventStore store) {
        this.store = store;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        OperatorQuery query = new OperatorQuery(exchange);
        OperatorQuery.Page page = query.page();
        EventQuery search = new EventQuery(query.text("provider", 64), query.text("topic", 255), query.oneOf("status", STATUSES),
                query.text("error", 64), query.text("group", 255), query.text("id", 255), query.text("q", 200),
                query.instant("from"), query.instant("to"), page.offset(), page.size() + 1);
        List<EventStatus> found = store.find(search);
        ObjectNode body = OperatorJson.JSON.createObjectNode()
                .put("page", page.number())
                .put("size", page.size())
                .put("more", found.size() > page.size());
        if (search.text() != null) {
            body.put("searched", "the payloads of the newest " + EventQuery.TEXT_SEARCH_WINDOW + " processed events");
        }
        ArrayNode items = body.putArray("items");
        found.stream().limit(page.size()).forEach(status -> items.add(OperatorJson.status(status)));
        JsonAnswers.answer(exchange, 200, body);
    }
}
