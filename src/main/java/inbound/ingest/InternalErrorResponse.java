package inbound.ingest;

import inbound.support.FailureWithoutMessage;
import inbound.support.JsonAnswers;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers what no other handler expected — a bug — with {@code 500 {"error":"internal"}}: nothing was
 * accepted, and no stack trace or exception text reaches the sender. Logged as {@link FailureWithoutMessage}.
 */
public final class InternalErrorResponse implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(InternalErrorResponse.class);

    @Override
    public void process(Exchange exchange) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        LOG.error("Request failed unexpectedly (a bug) in route {}: {}", exchange.getFromRouteId(), FailureWithoutMessage.describe(failure));
        LOG.debug("Unexpected failure", failure);
        JsonAnswers.error(exchange, 500, "internal", "Inbound failed unexpectedly; the request was not accepted. Retry later.");
    }
}
