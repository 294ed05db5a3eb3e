package routes;

import java.util.List;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.model.ProcessDefinition;
import org.junit.jupiter.api.BeforeEach;

/**
 * The operator API routes wired as Inbound wires them, each entered at its endpoint, {@code direct:<route id>},
 * as both shapes hand a request on (path and query parameters as headers), with the steps of the replay routes
 * they call (after their restore guard) replaced by {@code mock:replay} and {@code mock:replay-direct}.
 */
abstract class OperatorApiRouteTestSupport extends InboundRouteTestSupport {

    protected static final List<String> ROUTES = List.of("api-overview", "api-events", "api-event-status", "api-event-payload", "api-dead-letters", "api-dead-letter", "api-replay", "api-replay-one");

    protected MockEndpoint replay;
    protected MockEndpoint replayDirect;

    @Override
    protected RoutesBuilder[] createRouteBuilders() {
        return new RoutesBuilder[] {new OperatorErrorHandling(), new OperatorApiRoute(), new ReplayRoute()};
    }

    @BeforeEach
    void mockTheReplaySteps() throws Exception {
        AdviceWith.adviceWith(context, "replay", advice -> advice.weaveByType(ProcessDefinition.class).selectLast().replace().to("mock:replay"));
        AdviceWith.adviceWith(context, "replay-direct", advice -> advice.weaveByType(ProcessDefinition.class).selectLast().replace().to("mock:replay-direct"));
        context.start();
        replay = getMockEndpoint("mock:replay");
        replayDirect = getMockEndpoint("mock:replay-direct");
    }

    /** Asserts that no request reached either replay. */
    protected void assertNothingReplayed() throws Exception {
        replay.expectedMessageCount(0);
        replayDirect.expectedMessageCount(0);
        MockEndpoint.assertIsSatisfied(replay, replayDirect);
    }
}
