package inbound.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import inbound.ingest.IngestProperties;
import inbound.operator.OverviewView;
import inbound.provider.ProviderDefinition;
import inbound.support.MinuteTally;
import java.io.IOException;
import java.time.Duration;
import org.apache.camel.Exchange;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;

/**
 * Counts every answer to {@code POST /webhooks/{provider}} into the ingest tally and the metrics once its exchange is done:
 * the provider (as the catalogue knows it, else {@code unknown}, so that a request cannot add names), the
 * outcome ({@code accepted}, {@code handshake}, or the error code answered) and the time from the request to
 * the answer.
 */
final class IngestAnswerTally extends EventNotifierSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
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
        ProviderDefinition definition = exchange.getProperty(IngestProperties.PROVIDER, ProviderDefinition.class);
        String provider = definition == null ? "unknown" : definition.id();
        int status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 200, Integer.class);
        String outcome = outcome(exchange, status);
        Duration took = Duration.ofMillis(exchange.getClock().elapsed());
        tally.record(provider, outcome, took);
        metrics.ingestAnswered(provider, status, outcome, took);
    }

    private static String outcome(Exchange exchange, int status) {
        if (status == 202) {
            return OverviewView.ACCEPTED;
        }
        if (status < 300) {
            return "handshake";
        }
        try {
            String body = exchange.getMessage().getBody(String.class);
            return body == null ? "http_" + status : JSON.readTree(body).path("error").asText("http_" + status);
        } catch (IOException notJson) {
            return "http_" + status;
        }
    }
}
