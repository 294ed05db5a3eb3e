package routes;

import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;

/** The server shape's retention: the purge at start and then every {@code inbound.retention.purge-interval-ms}. */
public class RetentionScheduleRoute extends RouteBuilder {

    @Override
    public void configure() {
        from("timer:retention-schedule?period={{inbound.retention.purge-interval-ms}}")
                .routeId("retention-schedule")
                .onException(Exception.class)
                    .handled(true)
                    .log(LoggingLevel.WARN, "The retention purge failed and runs again at its next interval: ${exception.message}")
                .end()
                .to(RetentionRoute.PURGE);
    }
}
