package routes;

import org.apache.camel.builder.RouteBuilder;

/**
 * The operator API both shapes answer, every request behind {@code Authorization: Bearer $INBOUND_ADMIN_TOKEN}:
 * the overview, the events (search, status with timeline, payload), the dead letters, and replay. Each route is
 * entered at its {@link OperatorRequest}'s endpoint, by the server's HTTP routes or the console function.
 */
public class OperatorApiRoute extends RouteBuilder {

    @Override
    public void configure() {
        from(OperatorRequest.OVERVIEW.endpoint())
                .routeId(OperatorRequest.OVERVIEW.routeId())
                .routeConfigurationId(OperatorErrorHandling.ID)
                .process("adminAuth")
                .process("overviewView");

        from(OperatorRequest.EVENTS.endpoint())
                .routeId(OperatorRequest.EVENTS.routeId())
                .routeConfigurationId(OperatorErrorHandling.ID)
                .process("adminAuth")
                .process("eventSearch");

        from(OperatorRequest.EVENT_PAYLOAD.endpoint())
                .routeId(OperatorRequest.EVENT_PAYLOAD.routeId())
                .routeConfigurationId(OperatorErrorHandling.ID)
                .process("adminAuth")
                .process("eventPayloadView");

        from(OperatorRequest.EVENT_STATUS.endpoint())
                .routeId(OperatorRequest.EVENT_STATUS.routeId())
                .routeConfigurationId(OperatorErrorHandling.ID)
                .process("adminAuth")
                .process("eventStatusView");

        from(OperatorRequest.DEAD_LETTERS.endpoint())
                .routeId(OperatorRequest.DEAD_LETTERS.routeId())
                .routeConfigurationId(OperatorErrorHandling.ID)
                .process("adminAuth")
                .process("deadLetterList");

        from(OperatorRequest.DEAD_LETTER.endpoint())
                .routeId(OperatorRequest.DEAD_LETTER.routeId())
                .routeConfigurationId(OperatorErrorHandling.ID)
                .process("adminAuth")
                .process("deadLetterView");

        from(OperatorRequest.REPLAY.endpoint())
                .routeId(OperatorRequest.REPLAY.routeId())
                .routeConfigurationId(OperatorErrorHandling.ID)
                .process("adminAuth")
                .process("replayRequest")
                .to(ReplayRoute.REPLAY)
                .process("replayAnswer");

        from(OperatorRequest.REPLAY_ONE.endpoint())
                .routeId(OperatorRequest.REPLAY_ONE.routeId())
                .routeConfigurationId(OperatorErrorHandling.ID)
                .process("adminAuth")
                .process("singleReplayRequest")
                .choice()
                    .when(header("mode").isEqualTo("direct"))
                        .to(ReplayRoute.REPLAY_DIRECT)
                    .otherwise()
                        .to(ReplayRoute.REPLAY)
                .end()
                .process("replayAnswer");
    }
}
