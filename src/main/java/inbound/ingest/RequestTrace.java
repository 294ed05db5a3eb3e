package inbound.ingest;

import inbound.queue.EventAttributes;
import inbound.queue.TraceHeader;
import inbound.support.LoggedEvent;
import java.time.Clock;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * The request's trace, first of all: the one its shape was invoked under (a Lambda invocation's X-Ray trace,
 * {@link IngestProperties#INVOCATION_TRACE_HEADER}) where it is well-formed, else a new one. Every line logged
 * about the request carries its id from here on, and the event is queued with it.
 */
public final class RequestTrace implements Processor {

    private final Clock clock;

    public RequestTrace(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void process(Exchange exchange) {
        TraceHeader trace = TraceHeader.parse(exchange.getProperty(IngestProperties.INVOCATION_TRACE_HEADER, String.class))
                .orElseGet(() -> TraceHeader.begin(clock.instant()));
        exchange.setProperty(EventAttributes.TRACE_PROPERTY, trace);
        LoggedEvent.ofTrace(trace.traceId()).attachTo(exchange);
    }
}
