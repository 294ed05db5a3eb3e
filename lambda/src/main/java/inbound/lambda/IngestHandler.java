package inbound.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import inbound.ingest.IngestOutcome;
import inbound.ingest.IngestProperties;
import inbound.provider.SampleWebhook;
import inbound.support.JsonAnswers;
import inbound.wiring.IngestBeans;
import inbound.wiring.ProviderBeans;
import inbound.wiring.ProviderChecks;
import inbound.wiring.QueueBeans;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import routes.IngestErrorHandling;
import routes.IngestRoute;

/**
 * The ingest function behind API Gateway's {@code POST /webhooks/{provider}} (Lambda proxy
 * integration): the request goes through the shared ingest route, with the same answers as the
 * server shape — 202 once queued, 400/401/404/413 refused, 503 when the queue did not confirm — and each
 * answer counted in an {@link EmfLine}.
 */
public final class IngestHandler implements RequestStreamHandler {

    private static final FunctionContext.Definition FUNCTION = new FunctionContext.Definition("ingest",
            (settings, outside) -> List.of(new EmfMetricsBeans(outside.metrics()), new ProviderBeans(ProviderChecks.SIGNATURES, settings.providers()),
                    new QueueBeans(settings.queues(), new LambdaQueue(settings, outside)), new IngestBeans(settings.ingest())),
            () -> List.of(new IngestErrorHandling(), new IngestRoute()));

    private static final String INTERNAL_ERROR = JsonAnswers.errorBody("internal", "Inbound failed unexpectedly; the request was not accepted. Retry later.");

    private final FunctionContext function;
    private final EmfLine metrics;

    public IngestHandler() {
        this(FunctionContext.start(FUNCTION, IngestHandler::prime));
    }

    IngestHandler(FunctionContext function) {
        this.function = function;
        this.metrics = function.outside().metrics();
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        LambdaEvents.write(output, answer(LambdaEvents.read(input, APIGatewayProxyRequestEvent.class), context));
    }

    private APIGatewayProxyResponseEvent answer(APIGatewayProxyRequestEvent request, Context context) {
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

    /**
     * Each provider's webhook as API Gateway hands it over, all the way to its 202: API key, body limit, signature
     * over the raw bytes, shallow JSON parse, envelope, queue limits, and the SendMessageBatch request marshalled,
     * signed and its answer read — an answer the priming context's SQS client gets from memory.
     */
    private static String prime(MadeUpSecrets secrets, FunctionContext priming) throws Exception {
        IngestHandler handler = new IngestHandler(priming);
        List<SampleWebhook> webhooks = PrimingWebhooks.of(priming, secrets);
        for (SampleWebhook webhook : webhooks) {
            APIGatewayProxyResponseEvent answer = LambdaEvents.through(handler, new APIGatewayProxyRequestEvent()
                    .withHttpMethod("POST")
                    .withResource("/webhooks/{provider}")
                    .withPath("/webhooks/" + webhook.provider())
                    .withPathParameters(Map.of("provider", webhook.provider()))
                    .withHeaders(webhook.headers())
                    .withIsBase64Encoded(false)
                    .withBody(new String(webhook.body(), StandardCharsets.UTF_8)), APIGatewayProxyResponseEvent.class);
            if (answer.getStatusCode() != 202) {
                throw new IllegalStateException("the made-up webhook of " + webhook.provider() + " was answered " + answer.getStatusCode() + " "
                        + answer.getBody());
            }
        }
        return "a signed webhook of each of " + webhooks.size() + " providers, queued in memory";
    }
}
