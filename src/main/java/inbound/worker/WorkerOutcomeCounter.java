package inbound.worker;

import inbound.queue.EventAttributes;
import inbound.queue.QueuedEvent;
import inbound.support.PipelineMetrics;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.apache.camel.util.URISupport;

/**
 * Counts each event the worker dealt with once its run is over, in both shapes: an exchange back from the worker
 * route with the {@link WorkerOutcome} its steps noted (a transient failure no step could note, as a database that
 * does not answer, is {@code retried}), how long the run took, and for a processed event the time since its receipt;
 * or one the received-message route held back behind its group, which never reached the worker. A direct replay's
 * failure is not the worker's to count: its dead letter stays where it was, and the replay counts it. Camel times a
 * send only for a notifier that also takes the event of its start, so both are taken.
 */
public final class WorkerOutcomeCounter extends EventNotifierSupport {

    private final PipelineMetrics metrics;
    private final Clock clock;
    private final String workerUri;
    private final String receivedUri;

    /** {@code workerUri}: the worker route's endpoint; {@code receivedUri}: the route before it that holds messages back. */
    public WorkerOutcomeCounter(PipelineMetrics metrics, Clock clock, String workerUri, String receivedUri) {
        this.metrics = metrics;
        this.clock = clock;
        this.workerUri = normalized(workerUri);
        this.receivedUri = normalized(receivedUri);
    }

    private static String normalized(String uri) {
        try {
            return URISupport.normalizeUri(uri);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not an endpoint URI: " + uri, e);
        }
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        String uri = event instanceof CamelEvent.ExchangeSendingEvent sending ? sending.getEndpoint().getEndpointUri()
                : event instanceof CamelEvent.ExchangeSentEvent sent ? sent.getEndpoint().getEndpointUri() : null;
        return workerUri.equals(uri) || receivedUri.equals(uri);
    }

    @Override
    public void notify(CamelEvent event) {
        if (!(event instanceof CamelEvent.ExchangeSentEvent sent)) {
            return;
        }
        Exchange exchange = sent.getExchange();
        if (workerUri.equals(sent.getEndpoint().getEndpointUri())) {
            ran(exchange, Duration.ofMillis(sent.getTimeTaken()));
        } else if (exchange.getException() instanceof GroupHoldBack.HeldBack) {
            metrics.workerEvent(provider(exchange), WorkerOutcome.HELD_BACK, Optional.empty(), Optional.empty());
        }
    }

    private void ran(Exchange exchange, Duration took) {
        String noted = exchange.getProperty(WorkerProperties.OUTCOME, String.class);
        String outcome = noted != null ? noted : exchange.getException() != null ? WorkerOutcome.RETRIED : null;
        boolean done = WorkerOutcome.PROCESSED.equals(outcome) || WorkerOutcome.DUPLICATE.equals(outcome);
        if (outcome == null || exchange.getProperty(WorkerProperties.DIRECT_REPLAY, false, Boolean.class) && !done) {
            return;
        }
        QueuedEvent event = exchange.getProperty(WorkerProperties.EVENT, QueuedEvent.class);
        Optional<Duration> sinceReceived = WorkerOutcome.PROCESSED.equals(outcome) && event != null
                ? Optional.of(Duration.between(event.receivedAt(), clock.instant())) : Optional.empty();
        metrics.workerEvent(provider(exchange), outcome, Optional.of(took), sinceReceived);
    }

    private static String provider(Exchange exchange) {
        QueuedEvent event = exchange.getProperty(WorkerProperties.EVENT, QueuedEvent.class);
        return event != null ? event.provider() : exchange.getMessage().getHeader(EventAttributes.PROVIDER, "unknown", String.class);
    }
}
