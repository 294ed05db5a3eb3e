package inbound.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayCustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.IamPolicyResponseV1;
import com.fasterxml.jackson.databind.JsonNode;
import inbound.ingest.IngestProperties;
import inbound.ingest.ProviderLookup;
import inbound.queue.TraceHeader;
import inbound.support.LoggedEvent;
import inbound.provider.ProviderDefinition;
import inbound.provider.SampleWebhook;
import inbound.wiring.ProviderBeans;
import inbound.wiring.ProviderChecks;
import inbound.secrets.SecretUnavailable;
import inbound.support.Refusal;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import routes.AuthorizeRoute;

/**
 * API Gateway's REQUEST authorizer for {@code POST /webhooks/{provider}}. It never sees the body, so
 * it checks what headers can prove (known provider, API key where set, signature headers present,
 * signed timestamp fresh) and lets the ingest function verify the HMAC over the body. An unknown
 * provider gets a Deny policy (403, or 404 with the Terraform module's gateway response); a request
 * that fails a check gets {@code Unauthorized} (401); an API key that cannot be read yet lets the
 * request through to ingest, which checks it again and answers 503.
 * Results must not be cached across requests: each request carries its own signature.
 */
public final class AuthorizerHandler implements RequestStreamHandler {

    /** The exact error message API Gateway turns into 401 Unauthorized. */
    static final String UNAUTHORIZED = "Unauthorized";

    private static final FunctionContext.Definition FUNCTION = new FunctionContext.Definition("authorizer",
            (settings, outside) -> List.of(new ProviderBeans(ProviderChecks.HEADERS_ONLY, settings.providers())),
            () -> List.of(new AuthorizeRoute()));

    private static final Logger LOG = LoggerFactory.getLogger(AuthorizerHandler.class);

    private final FunctionContext function;

    public AuthorizerHandler() {
        this(FunctionContext.start(FUNCTION, AuthorizerHandler::prime));
    }

    AuthorizerHandler(FunctionContext function) {
        this.function = function;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        LambdaEvents.write(output, answer(LambdaEvents.read(input, APIGatewayCustomAuthorizerEvent.class), context));
    }

    private IamPolicyResponseV1 answer(APIGatewayCustomAuthorizerEvent event, Context context) {
        // its lines carry the invocation's trace id: with active tracing, the one the request's ingest continues
        String traceId = context == null ? null : TraceHeader.parse(context.getXrayTraceId()).map(TraceHeader::traceId).orElse(null);
        try (LoggedEvent.Scope scope = LoggedEvent.ofTrace(traceId).onThisThread()) {
            return authorize(event);
        }
    }

    private IamPolicyResponseV1 authorize(APIGatewayCustomAuthorizerEvent event) {
        Exchange checked = function.template().send(AuthorizeRoute.ENDPOINT, exchange -> {
            if (event.getHeaders() != null) {
                event.getHeaders().forEach(exchange.getMessage()::setHeader);
            }
            String provider = event.getPathParameters() == null ? null : event.getPathParameters().get("provider");
            exchange.getMessage().setHeader(ProviderLookup.PROVIDER_HEADER, provider);
            exchange.getMessage().setHeader(Exchange.HTTP_QUERY,
                    ApiGatewayRequests.query(null, event.getQueryStringParameters()));
        });
        ProviderDefinition provider = checked.getProperty(IngestProperties.PROVIDER, ProviderDefinition.class);
        Exception failure = checked.getException();
        if (failure == null) {
            return policy(provider.id(), IamPolicyResponseV1.ALLOW, event.getMethodArn());
        }
        if (failure instanceof Refusal refusal && refusal.status() == 404) {
            LOG.info("Authorizer denied: unknown provider");
            return policy("unknown", IamPolicyResponseV1.DENY, event.getMethodArn());
        }
        if (failure instanceof SecretUnavailable unavailable) {
            // ingest checks the API key again, and answers 503 with Retry-After while the secret cannot be read
            LOG.warn("Authorizer let a request through to ingest: {}", unavailable.getMessage());
            return policy(provider.id(), IamPolicyResponseV1.ALLOW, event.getMethodArn());
        }
        if (failure instanceof Refusal refusal) {
            LOG.info("Authorizer refused: provider={} error={} reason={}", provider.id(), refusal.code(), refusal.getMessage());
            throw new RuntimeException(UNAUTHORIZED);
        }
        throw new IllegalStateException("The authorizer failed: " + failure.getMessage(), failure);
    }

    /** Each provider's webhook headers, as API Gateway's REQUEST authorizer event carries them, to an Allow policy. */
    private static String prime(MadeUpSecrets secrets, FunctionContext priming) throws Exception {
        AuthorizerHandler handler = new AuthorizerHandler(priming);
        List<SampleWebhook> webhooks = PrimingWebhooks.of(priming, secrets);
        for (SampleWebhook webhook : webhooks) {
            APIGatewayCustomAuthorizerEvent event = new APIGatewayCustomAuthorizerEvent();
            event.setType("REQUEST");
            event.setMethodArn("arn:aws:execute-api:us-east-1:000000000000:priming/live/POST/webhooks/" + webhook.provider());
            event.setHeaders(webhook.headers());
            event.setPathParameters(Map.of("provider", webhook.provider()));
            JsonNode policy = LambdaEvents.through(handler, event, JsonNode.class);
            if (!policy.path("principalId").asText().equals(webhook.provider())) {
                throw new IllegalStateException("the made-up webhook of " + webhook.provider() + " was not allowed: " + policy);
            }
        }
        return "the headers of a signed webhook of each of " + webhooks.size() + " providers, allowed";
    }

    private static IamPolicyResponseV1 policy(String principal, String effect, String methodArn) {
        IamPolicyResponseV1.Statement statement = IamPolicyResponseV1.DENY.equals(effect)
                ? IamPolicyResponseV1.denyStatement(methodArn) : IamPolicyResponseV1.allowStatement(methodArn);
        return IamPolicyResponseV1.builder()
                .withPrincipalId(principal)
                .withPolicyDocument(IamPolicyResponseV1.PolicyDocument.builder()
                        .withVersion(IamPolicyResponseV1.VERSION_2012_10_17)
                        .withStatement(List.of(statement))
                        .build())
                .withContext(Map.of("provider", principal))
                .build();
    }
}
