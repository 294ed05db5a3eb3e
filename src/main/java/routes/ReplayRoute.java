package routes;

import org.apache.camel.builder.RouteBuilder;

/**
 * Fix and replay. {@code direct:replay} moves the dead letters matching a filter back to the main
 * queue (the worker then takes them as any other event); {@code direct:replay-direct} runs one dead
 * letter through the worker at once and answers with its outcome. {@code direct:replay-command}
 * takes either as one JSON command (the replay function's input) and answers JSON. The first two
 * answer no failure themselves: the route that called them does (see {@link OperatorErrorHandling}).
 * Neither runs while a restart still queues stored messages again: a dead letter could go before its group's.
 */
public class ReplayRoute extends RouteBuilder {

    public static final String REPLAY = "direct:replay";
    public static final String REPLAY_DIRECT = "direct:replay-direct";
    public static final String REPLAY_COMMAND = "direct:replay-command";

    @Override
    public void configure() {
        from(REPLAY_COMMAND)
                .routeId("replay-command")
                .routeConfigurationId(OperatorErrorHandling.ID)
                .process("replayCommand")
                .choice()
                    .when(header("mode").isEqualTo("direct"))
                        .to(REPLAY_DIRECT)
                    .otherwise()
                        .to(REPLAY)
                .end()
                .process("replayAnswer");

        from(REPLAY)
                .routeId("replay")
                .routeConfigurationId(OperatorErrorHandling.CALLED_ID)
                .process("replayDuringRestoreGuard")
                .process("deadLetterReplay");

        from(REPLAY_DIRECT)
                .routeId("replay-direct")
                .routeConfigurationId(OperatorErrorHandling.CALLED_ID)
                .process("replayDuringRestoreGuard")
                .process("directReplay");
    }
}
