package inbound.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import inbound.ingest.IngestOutcome;
import inbound.ingest.IngestProperties;
import inbound.support.JsonAnswers;
import inbound.wiring.IngestBeans;
import inbound.wiring.ProviderBeans;
import inbound.wiring.ProviderChecks;
import inbound.wiring.QueueBeans;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.camel.Exchange;
import routes.IngestErrorHandling;
import routes.IngestRoute;

/**
 * The ingest function behind API Gateway's {@code POST /webhooks/{provider}} (Lambda proxy
 * integration): the request goes through the shared ingest route, with the same answers as the
 * server shape — 202 once queued, 400/401/404/413 refused, 503 when the queue did not confirm — and each
 * answer counted in an {@link EmfLine}.
 */
public final class IngestHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {

    private static final String INTERNAL_ERROR = JsonAnswers.errorBody("internal_error", "The webhook could not be handled; retry later.");

    private final FunctionContext function;
    private final EmfLine metrics = new EmfLine(System.out, Clock.systemUTC());

    public IngestHandler() {
        this(FunctionContext.start("ingest", settings -> List.of(new EmfMetricsBeans(), new ProviderBeans(ProviderChecks.SIGNATURES, settings.providers()),
                        new QueueBeans(settings.queues(), new LambdaQueue(settings)), new IngestBeans(settings.ingest())),
                List.of(new IngestErrorHandling(), new IngestRoute())));
    }

    IngestHandler(FunctionContext function) {
        this.function = function;
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent request, Context context) {
        long start = System.nanoTime();
        Exchange answered = function.template().send(IngestRoute.ENDPOINT, exchange -> {
            ApiGatewayRequests.copy(request, exchange);
            // with active tracing the invocation's X-Ray trace, so that the queued event continues it
            exchange.setProperty(IngestProperties.INVOCATION_TRACE_HEADER, context == null ? null : context.getXrayTraceId());
        });
        APIGatewayProxyResponseEvent response = ApiGatewayRequests.response(answered, INTERNAL_ERROR);
        metrics.ingestAnswered(Instant.now(), IngestOutcome.of(answered, response.getStatusCode(), response.getBody()),
                Duration.ofNanos(System.nanoTime() - start));
        return response;
    }
}
