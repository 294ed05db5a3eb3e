package inbound.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
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

    private final FunctionContext function;

    public ReplayHandler() {
        this(FunctionContext.start("replay", settings -> List.of(new EmfMetricsBeans(), new QueueBeans(settings.queues(), new LambdaQueue(settings)),
                        new WorkerBeans(settings.worker(), settings.database(), new WorkerFunctionReplay(settings.replayInvokeTimeout())),
                        new LambdaClientBeans(settings), new OperatorBeans(OperatorAccess.COMMANDS_ONLY)),
                List.of(new OperatorErrorHandling(), new ReplayRoute())));
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
}
