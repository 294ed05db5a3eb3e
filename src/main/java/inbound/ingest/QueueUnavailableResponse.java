package inbound.ingest;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers 503 with Retry-After when the queue did not confirm the write: the event is not
 * accepted, and the provider's own retry delivers it again later.
 */
public final class QueueUnavailableResponse implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(QueueUnavailableResponse.class);

    private final int retryAfterSeconds;

    public QueueUnavailableResponse(int retryAfterSeconds) {
        this.retryAfterSeconds = retryAfterSeconds;
    }

    @Override
    public void process(Exchange exchange) {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        LOG.warn("Queue did not confirm the write of event {}: {}",
                exchange.getProperty(IngestProperties.EVENT_ID), cause == null ? "unknown" : cause.getClass().getSimpleName() + ": " + cause.getMessage());
        IngestResponses.error(exchange, 503, "queue_unavailable", "The event could not be queued; retry later.");
        exchange.getMessage().setHeader("Retry-After", String.valueOf(retryAfterSeconds));
    }
}
