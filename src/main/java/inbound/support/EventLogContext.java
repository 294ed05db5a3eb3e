package inbound.support;

import org.apache.camel.AsyncCallback;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.NamedNode;
import org.apache.camel.Processor;
import org.apache.camel.spi.InterceptStrategy;
import org.apache.camel.support.processor.DelegateAsyncProcessor;

/**
 * Puts the event an exchange concerns ({@link LoggedEvent}) in the logging context while each step of its routes
 * runs, on whichever thread runs it, so that every line a step logs about it — Inbound's, Camel's, a library's —
 * names the event. Added to a context before its routes are built.
 */
public final class EventLogContext implements InterceptStrategy {

    @Override
    public Processor wrapProcessorInInterceptors(CamelContext context, NamedNode definition, Processor target, Processor nextTarget) {
        return new DelegateAsyncProcessor(target) {
            @Override
            public boolean process(Exchange exchange, AsyncCallback callback) {
                LoggedEvent event = LoggedEvent.of(exchange);
                if (event == null) {
                    return super.process(exchange, callback);
                }
                try (LoggedEvent.Scope scope = event.onThisThread()) {
                    return super.process(exchange, callback);
                }
            }
        };
    }
}
