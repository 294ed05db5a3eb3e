package inbound.operator;

import inbound.deadletter.ReplayFilter;
import inbound.support.Refusal;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Reads {@code POST /dead-letters/{id}/replay[?mode=direct]}: with {@code mode=direct} the body becomes
 * the event id (run it through the worker now), otherwise a filter for that one event (move it back to the queue).
 */
public final class SingleReplayRequest implements Processor {

    @Override
    public void process(Exchange exchange) {
        Message message = exchange.getMessage();
        String id = message.getHeader("id", String.class);
        String mode = message.getHeader("mode", String.class);
        if (mode != null && !mode.equals("direct") && !mode.equals("queue")) {
            throw new Refusal(400, "bad_request", "'mode' is direct (run the worker now) or queue (the default).");
        }
        message.setBody("direct".equals(mode) ? id : new ReplayFilter(Set.of(id), null, null, null, false, false));
    }
}
