package routes;

import org.apache.camel.builder.RouteBuilder;

/**
 * Your processing: a route per provider and topic you act on, found by name by the worker —
 * {@code direct:process-<provider>-<topic file name>}, else {@code direct:process-<provider>} — and
 * run before the event is recorded. Both shapes load this class: the server and the worker function.
 * None ship with Inbound, which records every event either way; see docs/providers.md for an example.
 */
public class ProcessingRoutes extends RouteBuilder {

    @Override
    public void configure() {
        // intentionally empty until you add a route: an event without one is validated and recorded
    }
}
