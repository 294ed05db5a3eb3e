package inbound.worker;

import inbound.queue.QueuedEvent;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.Route;

/**
 * Finds the user's processing route for an event, if there is one: {@code direct:process-<provider>-<topic>}
 * (e.g. {@code direct:process-shopify-orders-create}), else {@code direct:process-<provider>}. Every event
 * is recorded in the database afterwards, whether or not such a route exists.
 */
public final class ProcessorSelection implements Processor {

    private final Map<String, Optional<String>> routeByProviderAndTopic = new ConcurrentHashMap<>();

    @Override
    public void process(Exchange exchange) {
        QueuedEvent event = exchange.getProperty(WorkerProperties.EVENT, QueuedEvent.class);
        Optional<String> endpoint = routeByProviderAndTopic.computeIfAbsent(event.provider() + "\n" + event.topic(), key -> {
            String byTopic = "direct:process-" + event.provider() + "-" + Topics.fileName(event.topic());
            String byProvider = "direct:process-" + event.provider();
            return consumed(exchange, byTopic) ? Optional.of(byTopic) : consumed(exchange, byProvider) ? Optional.of(byProvider) : Optional.empty();
        });
        exchange.setProperty(WorkerProperties.PROCESSOR_URI, endpoint.orElse(null));
    }

    private static boolean consumed(Exchange exchange, String directUri) {
        String name = directUri.substring("direct:".length());
        for (Route route : exchange.getContext().getRoutes()) {
            String uri = route.getEndpoint().getEndpointUri();
            if (uri.equals(directUri) || uri.equals("direct://" + name)) {
                return true;
            }
        }
        return false;
    }
}
