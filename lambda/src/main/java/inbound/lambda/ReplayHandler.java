package inbound.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import inbound.wiring.OperatorAccess;
import inbound.wiring.OperatorBeans;
import inbound.wiring.QueueBeans;
import inbound.wiring.WorkerBeans;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.camel.Exchange;
import routes.OperatorErrorHandling;
import routes.ReplayRoute;

/**
 * The replay function, invoked by an operator ({@code aws lambda invoke}): a JSON filter in, the same
 * as the operator API's ({@code {"provider": "shopify", "dryRun": true}}), the counts out; or
 * {@code {"mode": "direct", "eventId": "..."}} to run one dead letter through the worker function now
 * and answer its outcome. A refused command answers {@code {"error", "message"}}. Each dead letter replayed is
 * counted in an {@link EmfLine}.
 */
public final class ReplayHandler implements RequestStreamHandler {

    private static final FunctionContext.Definition FUNCTION = new FunctionContext.Definition("replay",
            (settings, outside) -> List.of(new EmfMetricsBeans(outside.metrics()), new QueueBeans(settings.queues(), new LambdaQueue(settings, outside)),
                    new WorkerBeans(settings.worker(), settings.database(), new WorkerFunctionReplay(settings.replayInvokeTimeout())),
                    new LambdaClientBeans(settings, outside), new OperatorBeans(OperatorAccess.COMMANDS_ONLY)),
            () -> List.of(new OperatorErrorHandling(), new ReplayRoute()));
    /** A dry run and a move, each over the whole dead-letter queue: the replays an operator runs first. */
    private static final List<String> PRIMING_COMMANDS = List.of("{\"all\": true, \"dryRun\": true}", "{\"all\": true}");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final FunctionContext function;

    public ReplayHandler() {
        this(FunctionContext.start(FUNCTION, ReplayHandler::prime));
    }

    ReplayHandler(FunctionContext function) {
        this.function = function;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        String command = new String(input.readAllBytes(), StandardCharsets.UTF_8);
        Exchange answered = function.template().send(ReplayRoute.REPLAY_COMMAND, exchange -> exchange.getMessage().setBody(command));
        output.write(answered.getMessage().getBody(String.class).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The replay commands, parsed, run over the dead-letter queue — a receive the priming context's SQS client answers
     * from memory, with none — and answered. A direct replay is not primed: it would invoke the worker function.
     */
    private static String prime(MadeUpSecrets secrets, FunctionContext priming) throws IOException {
        ReplayHandler handler = new ReplayHandler(priming);
        for (String command : PRIMING_COMMANDS) {
            JsonNode answer = LambdaEvents.through(handler, JSON.readTree(command), JsonNode.class);
            if (answer.has("error")) {
                throw new IllegalStateException("the replay command " + command + " was refused: " + answer);
            }
        }
        return "the replay commands " + String.join(" and ", PRIMING_COMMANDS) + ", over no dead letter";
    }
}
