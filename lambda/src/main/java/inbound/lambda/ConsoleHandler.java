package inbound.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import inbound.support.JsonAnswers;
import inbound.wiring.OperatorAccess;
import inbound.wiring.OperatorBeans;
import inbound.wiring.QueueBeans;
import inbound.wiring.WorkerBeans;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Exchange;
import routes.ConsoleRoute;
import routes.OperatorApiRoute;
import routes.OperatorErrorHandling;
import routes.OperatorRequest;
import routes.ReplayRoute;

/**
 * The console function, behind API Gateway's {@code /console} and operator API routes (Lambda proxy
 * integration). Each request, named by its method and resource path, goes to the route that answers it in the
 * server shape too ({@link OperatorRequest}), so the answers are the same: the console's files with their
 * headers, 401 without {@code Authorization: Bearer} and the admin token (in AWS, read from Secrets Manager on
 * first use), the events and dead letters from the database and the dead-letter queue, replays to the queue,
 * and "try now" through the worker function. Its overview counts what the database's history holds
 * ({@link HistoryOverviewBeans}). Each replay is counted in an {@link EmfLine}, as the replay function counts its own.
 */
public final class ConsoleHandler implements RequestStreamHandler {

    private static final String INTERNAL_ERROR = JsonAnswers.errorBody("internal", "Inbound failed unexpectedly; try again.");

    private static final FunctionContext.Definition FUNCTION = new FunctionContext.Definition("console",
            (settings, outside) -> List.of(new EmfMetricsBeans(outside.metrics()), new QueueBeans(settings.queues(), new LambdaQueue(settings, outside)),
                    new WorkerBeans(settings.worker(), settings.database(), new WorkerFunctionReplay(settings.replayInvokeTimeout())),
                    new LambdaClientBeans(settings, outside), new OperatorBeans(OperatorAccess.HTTP_API_AND_COMMANDS),
                    new HistoryOverviewBeans(settings.retention().retention(), settings.consoleDashboard())),
            () -> List.of(new OperatorErrorHandling(), new ReplayRoute(), new OperatorApiRoute(), new ConsoleRoute()));
    /** What opening the console asks for first: the page, then with the token the overview, the events and the dead letters. */
    private static final List<OperatorRequest> PRIMING_REQUESTS = List.of(OperatorRequest.CONSOLE_PAGE, OperatorRequest.OVERVIEW,
            OperatorRequest.EVENTS, OperatorRequest.DEAD_LETTERS);

    private final FunctionContext function;

    public ConsoleHandler() {
        this(FunctionContext.start(FUNCTION, ConsoleHandler::prime));
    }

    ConsoleHandler(FunctionContext function) {
        this.function = function;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        LambdaEvents.write(output, answer(LambdaEvents.read(input, APIGatewayProxyRequestEvent.class)));
    }

    private APIGatewayProxyResponseEvent answer(APIGatewayProxyRequestEvent request) {
        Optional<OperatorRequest> known = OperatorRequest.of(request.getHttpMethod(), request.getResource());
        if (known.isEmpty()) {
            // API Gateway invokes the function for the routes the Terraform module gives it only: a test or a misconfiguration
            return ApiGatewayRequests.json(404, JsonAnswers.errorBody("not_found", "The console function does not answer "
                    + request.getHttpMethod() + " " + request.getResource() + "."));
        }
        Exchange answered = function.template().send(known.get().endpoint(), exchange -> ApiGatewayRequests.copyOperatorRequest(request, exchange));
        return ApiGatewayRequests.response(answered, INTERNAL_ERROR);
    }

    /**
     * The console's first requests as API Gateway hands them over, with the priming run's admin token, answered from
     * the priming context's database in memory (empty) and its SQS client's answers from memory (no message).
     */
    private static String prime(MadeUpSecrets secrets, FunctionContext priming) throws IOException {
        ConsoleHandler handler = new ConsoleHandler(priming);
        for (OperatorRequest request : PRIMING_REQUESTS) {
            APIGatewayProxyResponseEvent answer = LambdaEvents.through(handler, new APIGatewayProxyRequestEvent()
                    .withHttpMethod(request.method())
                    .withResource(request.path())
                    .withPath(request.path())
                    .withHeaders(Map.of("Authorization", "Bearer " + secrets.adminToken()))
                    .withIsBase64Encoded(false), APIGatewayProxyResponseEvent.class);
            if (answer.getStatusCode() != 200) {
                throw new IllegalStateException(request.method() + " " + request.path() + " was answered " + answer.getStatusCode() + " " + answer.getBody());
            }
        }
        return "the console's page, overview, events and dead letters, read from nothing";
    }
}
