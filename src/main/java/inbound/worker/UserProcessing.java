package inbound.worker;

import inbound.support.LazyProducerTemplate;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Runs the user's processing route chosen by {@link ProcessorSelection}, if any, on a copy of the
 * exchange, and rethrows its failure here. Called directly, the route's own error handler would mark
 * the failure as already handled, and the worker's retry and dead-letter rules would never see it.
 */
public final class UserProcessing implements Processor {

    private final LazyProducerTemplate template = new LazyProducerTemplate();

    @Override
    public void process(Exchange exchange) throws Exception {
        String uri = exchange.getProperty(WorkerProperties.PROCESSOR_URI, String.class);
        if (uri == null) {
            return;
        }
        Exchange done = template.in(exchange.getContext()).send(uri, exchange.copy());
        if (done.getException() != null) {
            throw done.getException();
        }
    }
}
