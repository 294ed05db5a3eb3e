package routes;

import org.apache.camel.builder.RouteBuilder;

/** The server shape's metrics, {@code GET /metrics} in Prometheus text, behind {@code INBOUND_METRICS_TOKEN} when it is set. */
public class MetricsRoute extends RouteBuilder {

    @Override
    public void configure() {
        from("platform-http:/metrics?httpMethodRestrict=GET")
                .routeId("metrics")
                .routeConfigurationId(OperatorErrorHandling.ID)
                .process("metricsAuth")
                .process("metricsAnswer");
    }
}
