package inbound.server;

import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;

/**
 * A start-up listener that runs once, when the context starts. Camel calls start-up listeners again
 * when a route is added to a running context ({@code alreadyStarted}), as {@link QueueConsumerStart}
 * does once the queue answers; a Vert.x handler registered twice would run twice per request.
 */
abstract class OnceAtStart implements StartupListener {

    @Override
    public final void onCamelContextStarted(CamelContext context, boolean alreadyStarted) throws Exception {
        if (!alreadyStarted) {
            started(context);
        }
    }

    /** What to do once the context has started. */
    abstract void started(CamelContext context) throws Exception;
}
