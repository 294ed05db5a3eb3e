package routes;

import org.apache.camel.builder.RouteBuilder;

/**
 * Retention: forget the events processed longer ago than {@code inbound.retention.days}. The server shape
 * runs it on a timer ({@link RetentionScheduleRoute}), the Lambda shape's retention function on EventBridge's
 * schedule. A purge that fails goes back to its caller as it is: the timer waits for its next run, the
 * function's invocation fails and its alarm sees it.
 */
public class RetentionRoute extends RouteBuilder {

    public static final String PURGE = "direct:retention-purge";

    @Override
    public void configure() {
        errorHandler(noErrorHandler());
        from(PURGE)
                .routeId("retention-purge")
                .process("retentionPurge");
    }
}
