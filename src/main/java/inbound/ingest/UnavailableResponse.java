package inbound.ingest;

import inbound.queue.GroupRestoring;
import inbound.queue.Overloaded;
import inbound.queue.QueueFull;
import inbound.secrets.SecretUnavailable;
import inbound.support.JsonAnswers;
import inbound.support.Refusal;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers 503 with Retry-After when something the request needs did not answer — the queue did not
 * confirm the write, is too far behind to take it in time or is full, is restoring the event's group, or the provider's secret could not be
 * read: the event is not accepted, and the provider's own retry delivers it again later.
 */
public final class UnavailableResponse implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(UnavailableResponse.class);

    private final int retryAfterSeconds;

    public UnavailableResponse(int retryAfterSeconds) {
        this.retryAfterSeconds = retryAfterSeconds;
    }

    @Override
    public void process(Exchange exchange) {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String why = cause == null ? "unknown" : cause.getClass().getSimpleName() + ": " + cause.getMessage();
        Refusal refusal;
        if (cause instanceof Overloaded) {
            // logged where it is decided, at most every 10 s: a line per refusal would add to the overload
            refusal = IngestRefusals.overloaded(retryAfterSeconds);
        } else if (cause instanceof QueueFull) {
            // logged where it is decided, as above
            refusal = IngestRefusals.queueFull(retryAfterSeconds);
        } else if (cause instanceof GroupRestoring) {
            // one line for the whole re-send, from where it runs: a line per refusal would flood the log at a restart
            refusal = IngestRefusals.queueRestoring(retryAfterSeconds);
        } else if (cause instanceof SecretUnavailable) {
            LOG.warn("A provider's secret could not be read: {}", why);
            refusal = IngestRefusals.secretUnavailable(retryAfterSeconds);
        } else {
            LOG.warn("Queue did not confirm the write of event {}: {}", exchange.getProperty(IngestProperties.EVENT_ID), why);
            refusal = IngestRefusals.queueUnavailable(retryAfterSeconds);
        }
        JsonAnswers.refuse(exchange, refusal);
    }
}
