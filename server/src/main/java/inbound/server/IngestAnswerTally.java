package inbound.server;

import inbound.ingest.IngestOutcome;
import inbound.support.MinuteTally;
import java.time.Duration;
import org.apache.camel.Exchange;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;

/**
 * Counts every answer to {@code POST /webhooks/{provider}} into the ingest tally and the metrics once its
 * exchange is done: its {@link IngestOutcome} and the time from the request to the answer.
 */
final class IngestAnswerTally extends EventNotifierSupport {

    private static final String WEBHOOK_ROUTE = "webhook-http";

    private final MinuteTally tally;
    private final ServerMetrics metrics;

    IngestAnswerTally(MinuteTally tally, ServerMetrics metrics) {
        this.tally = tally;
        this.metrics = metrics;
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof CamelEvent.ExchangeCompletedEvent completed && WEBHOOK_ROUTE.equals(completed.getExchange().getFromRouteId());
    }

    @Override
    public void notify(CamelEvent event) {
        Exchange exchange = ((CamelEvent.ExchangeCompletedEvent) event).getExchange();
        IngestOutcome outcome = IngestOutcome.of(exchange);
        Duration took = Duration.ofMillis(exchange.getClock().elapsed());
        tally.record(outcome.provider(), outcome.reason(), took);
        metrics.ingestAnswered(outcome.provider(), outcome.status(), outcome.reason(), took);
    }
}
