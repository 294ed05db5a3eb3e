package routes;

import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;

/**
 * The server shape's retention: at start and then every interval, forget the events processed longer
 * ago than {@code inbound.retention.days}. A purge that fails (the database is down) waits for the next.
 */
public class RetentionRoute extends RouteBuilder {

    @Override
    public void configure() {
        from("timer:retention-purge?period={{inbound.retention.purge-interval-ms}}")
                .routeId("retention-purge")
                .onException(Exception.class)
                    .handled(true)
                    .log(LoggingLevel.WARN, "The retention purge failed and runs again at its next interval: ${exception.message}")
                .end()
                .process("retentionPurge");
    }
}
