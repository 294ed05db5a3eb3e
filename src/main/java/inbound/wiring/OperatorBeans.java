package inbound.wiring;

import inbound.claimcheck.ClaimCheck;
import inbound.deadletter.DeadLetterQueue;
import inbound.operator.AdminAuth;
import inbound.operator.ConsoleAssets;
import inbound.operator.DeadLetterList;
import inbound.operator.DeadLetterView;
import inbound.operator.EventPayloadView;
import inbound.operator.EventSearch;
import inbound.operator.EventStatusView;
import inbound.operator.OperatorErrorResponse;
import inbound.operator.ReplayAnswer;
import inbound.operator.ReplayCommand;
import inbound.operator.ReplayRequest;
import inbound.operator.SingleReplayRequest;
import inbound.secrets.SecretValues;
import inbound.store.EventStore;
import java.util.Set;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;
import routes.ErrorsAsExceptions;
import routes.OperatorErrorHandling;

/**
 * The operator's steps, after {@link WorkerBeans}: replay requests, and — for the operator HTTP API of the
 * server shape and the console function — its bearer token, the views of events and dead letters, and the
 * console's files. The overview ({@code overviewView}) each shape binds itself: they count differently.
 */
public class OperatorBeans implements CamelConfiguration {

    private final OperatorAccess access;

    public OperatorBeans(OperatorAccess access) {
        this.access = access;
    }

    @Override
    public void configure(CamelContext context) {
        Registry registry = context.getRegistry();
        context.getCamelContextExtension().addInterceptStrategy(new ErrorsAsExceptions(Set.of(OperatorErrorHandling.ID, OperatorErrorHandling.CALLED_ID)));
        if (access == OperatorAccess.HTTP_API_AND_COMMANDS) {
            EventStore store = registry.lookupByNameAndType("eventStore", EventStore.class);
            SecretValues secrets = SecretValues.of(context);
            registry.bind("adminAuth", new AdminAuth(() -> secrets.value("inbound.admin.token")));
            registry.bind("eventStatusView", new EventStatusView(store));
            registry.bind("eventSearch", new EventSearch(store));
            registry.bind("consoleAssets", new ConsoleAssets());
            registry.bind("eventPayloadView", new EventPayloadView(store));
            registry.bind("deadLetterList", new DeadLetterList(store));
            registry.bind("deadLetterView", new DeadLetterView(registry.lookupByNameAndType("deadLetterQueue", DeadLetterQueue.class), store,
                    registry.lookupByNameAndType("claimCheck", ClaimCheck.class)));
        }
        registry.bind("replayRequest", new ReplayRequest());
        registry.bind("replayCommand", new ReplayCommand());
        registry.bind("singleReplayRequest", new SingleReplayRequest());
        registry.bind("replayAnswer", new ReplayAnswer());
        registry.bind("operatorErrorResponse", new OperatorErrorResponse());
    }
}
