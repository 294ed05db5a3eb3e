package routes;

import org.apache.camel.builder.RouteBuilder;

/**
 * What can be checked before the body arrives, for API Gateway's authorizer: a known provider, its
 * API key where one is set, its signature headers present and a signed timestamp fresh. A refusal
 * leaves the route as an {@link inbound.support.Refusal}. The signature itself is checked by the
 * ingest route, which has the body.
 */
public class AuthorizeRoute extends RouteBuilder {

    public static final String ENDPOINT = "direct:authorize";

    @Override
    public void configure() {
        from(ENDPOINT)
                .routeId("authorize")
                .errorHandler(noErrorHandler())
                .process("providerLookup")
                .process("apiKeyCheck")
                .process("signatureHeadersCheck");
    }
}
