package inbound.server;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/** {@code GET /metrics}: the server's meters as Prometheus text. */
final class MetricsAnswer implements Processor {

    private final ServerMetrics metrics;

    MetricsAnswer(ServerMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void process(Exchange exchange) {
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        message.setHeader(Exchange.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
        message.setBody(metrics.scrape());
    }
}
