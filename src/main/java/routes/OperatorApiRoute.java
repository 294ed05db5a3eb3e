package routes;

import org.apache.camel.builder.RouteBuilder;

/**
 * The operator API of the server shape, every request behind {@code Authorization: Bearer $INBOUND_ADMIN_TOKEN}:
 * the overview, the events (search, status with timeline, payload), the dead letters, and replay.
 */
public class OperatorApiRoute extends RouteBuilder {

    @Override
    public void configure() {
        from("platform-http:/overview?httpMethodRestrict=GET")
                .routeId("api-overview")
                .routeConfigurationId(OperatorErrorHandling.ID)
                .process("adminAuth")
                .process("overviewView");

        from("platform-http:/events?httpMethodRestrict=GET")
                .routeId("api-events")
                .routeConfigurationId(OperatorErrorHandling.ID)
                .process("adminAuth")
                .process("eventSearch");

        from("platform-http:/events/{id}/payload?httpMethodRestrict=GET")
                .routeId("api-event-payload")
                .routeConfigurationId(OperatorErrorHandling.ID)
                .process("adminAuth")
                .process("eventPayloadView");

        from("platform-http:/events/{id}?httpMethodRestrict=GET")
                .routeId("api-event-status")
                .routeConfigurationId(OperatorErrorHandling.ID)
                .process("adminAuth")
                .process("eventStatusView");

        from("platform-http:/dead-letters?httpMethodRestrict=GET")
                .routeId("api-dead-letters")
                .routeConfigurationId(OperatorErrorHandling.ID)
                .process("adminAuth")
                .process("deadLetterList");

        from("platform-http:/dead-letters/{id}?httpMethodRestrict=GET")
                .routeId("api-dead-letter")
                .routeConfigurationId(OperatorErrorHandling.ID)
                .process("adminAuth")
                .process("deadLetterView");

        from("platform-http:/dead-letters/replay?httpMethodRestrict=POST")
                .routeId("api-replay")
                .routeConfigurationId(OperatorErrorHandling.ID)
                .process("adminAuth")
                .process("replayRequest")
                .to(ReplayRoute.REPLAY)
                .process("replayAnswer");

        from("platform-http:/dead-letters/{id}/replay?httpMethodRestrict=POST")
                .routeId("api-replay-one")
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
