package inbound.ingest;

import inbound.support.JsonAnswers;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers what no other handler expected — a bug — with {@code 500 {"error":"internal"}}: nothing was
 * accepted, and no stack trace or exception text reaches the sender. Logged at ERROR with the
 * exception's type and where it was thrown, not its message, which may quote the payload; the whole
 * exception at DEBUG.
 */
public final class InternalErrorResponse implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(InternalErrorResponse.class);

    @Override
    public void process(Exchange exchange) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        Throwable cause = failure;
        while (cause != null && cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        LOG.error("Request failed unexpectedly (a bug) in route {}: {} at {}", exchange.getFromRouteId(),
                cause == null ? "unknown" : cause.getClass().getName(),
                cause == null || cause.getStackTrace().length == 0 ? "unknown" : cause.getStackTrace()[0]);
        LOG.debug("Unexpected failure", failure);
        JsonAnswers.error(exchange, 500, "internal", "Inbound failed unexpectedly; the request was not accepted. Retry later.");
    }
}
