package routes;

import inbound.support.ThrownError;
import java.util.Set;
import org.apache.camel.AsyncCallback;
import org.apache.camel.AsyncProcessor;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.NamedNode;
import org.apache.camel.Processor;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.ProcessorDefinitionHelper;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.spi.InterceptStrategy;
import org.apache.camel.support.AsyncProcessorConverterHelper;
import org.apache.camel.support.processor.DelegateAsyncProcessor;

/**
 * Camel gives a {@link java.lang.Error} thrown in a step to no error handler: it unwinds to the HTTP
 * server, which answers with a 500 of its own. In the routes with one of the given route
 * configurations, an Error thrown by a step becomes a {@link ThrownError} exception instead, which
 * their error handling answers like any other bug (for a route that leaves its failures to the route
 * that called it, as the replays do, that route's). By then the stack is unwound (a
 * StackOverflowError's too), so the thread serves the next request as before.
 */
public final class ErrorsAsExceptions implements InterceptStrategy {

    private final Set<String> routeConfigurationIds;

    public ErrorsAsExceptions(Set<String> routeConfigurationIds) {
        this.routeConfigurationIds = Set.copyOf(routeConfigurationIds);
    }

    @Override
    public Processor wrapProcessorInInterceptors(CamelContext context, NamedNode definition, Processor target, Processor nextTarget) {
        RouteDefinition route = definition instanceof ProcessorDefinition<?> step ? ProcessorDefinitionHelper.getRoute(step) : null;
        if (route == null || route.getRouteConfigurationId() == null || !routeConfigurationIds.contains(route.getRouteConfigurationId())) {
            return target;
        }
        return new ErrorCatching(AsyncProcessorConverterHelper.convert(target));
    }

    private static final class ErrorCatching extends DelegateAsyncProcessor {

        ErrorCatching(AsyncProcessor step) {
            super(step);
        }

        @Override
        public boolean process(Exchange exchange, AsyncCallback callback) {
            HeldCallback held = new HeldCallback(callback);
            boolean sync;
            try {
                sync = super.process(exchange, held);
            } catch (Error error) {
                // the exchange goes on, failed, to the route's error handling
                exchange.setException(new ThrownError(error));
                sync = true;
            }
            held.stepReturned(sync);
            return sync;
        }
    }

    /**
     * Passes a step's call back on only once the step has returned or thrown. Camel's synchronous steps call
     * back before an Error leaves them (in a {@code finally}); passed on at once, the route would go on as if
     * the step had succeeded, and go on a second time with the failure.
     */
    private static final class HeldCallback implements AsyncCallback {

        private final AsyncCallback route;
        private boolean stepRunning = true;
        private boolean calledBack;
        private boolean passedOn;

        HeldCallback(AsyncCallback route) {
            this.route = route;
        }

        @Override
        public void done(boolean doneSync) {
            synchronized (this) {
                if (stepRunning) {
                    calledBack = true;
                    return;
                }
                if (passedOn) {
                    return;
                }
                passedOn = true;
            }
            route.done(doneSync);
        }

        void stepReturned(boolean sync) {
            synchronized (this) {
                stepRunning = false;
                // an asynchronous step that has not called back yet passes its call back on itself, later
                if (!sync && !calledBack) {
                    return;
                }
                passedOn = true;
            }
            route.done(sync);
        }
    }
}
