package routes;

import org.apache.camel.builder.RouteBuilder;

/**
 * Fix and replay. {@code direct:replay} moves the dead letters matching a filter back to the main
 * queue (the worker then takes them as any other event); {@code direct:replay-direct} runs one dead
 * letter through the worker route at once and answers with its outcome.
 */
public class ReplayRoute extends RouteBuilder {

    public static final String REPLAY = "direct:replay";
    public static final String REPLAY_DIRECT = "direct:replay-direct";

    @Override
    public void configure() {
        from(REPLAY)
                .routeId("replay")
                .process("deadLetterReplay");

        from(REPLAY_DIRECT)
                .routeId("replay-direct")
                .process("directReplay");
    }
}
