package routes;

import static inbound.testing.Webhooks.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import inbound.ingest.ApiKeyCheck;
import inbound.ingest.IngestProperties;
import inbound.ingest.ProviderLookup;
import inbound.provider.ProviderDefinition;
import inbound.support.Refusal;
import inbound.testing.Webhooks;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The authorize route (API Gateway's authorizer: headers only, no body): what it lets through and each
 * refusal, left on the exchange as an {@link Refusal} for the authorizer function to turn into a policy.
 */
class AuthorizeRouteTest extends InboundRouteTestSupport {

    private static final String SLACK_SECRET = "slack-signing-secret";
    private static final String SLACK_API_KEY = "slack-api-key";
    private static final byte[] BODY = utf8("{\"type\": \"event_callback\", \"event_id\": \"Ev1\"}");

    @Override
    protected Properties overrides() {
        Properties properties = new Properties();
        properties.put("inbound.provider.slack.secret", SLACK_SECRET);
        properties.put("inbound.provider.slack.api-key", SLACK_API_KEY);
        properties.put("inbound.provider.shopify.secret", "shpss_authorize");
        return properties;
    }

    @Override
    protected RoutesBuilder[] createRouteBuilders() {
        return new RoutesBuilder[] {new AuthorizeRoute()};
    }

    @BeforeEach
    void start() {
        context.start();
    }

    private Exchange authorize(String provider, Map<String, String> headers) {
        return template.send(AuthorizeRoute.ENDPOINT, exchange -> {
            exchange.getMessage().setHeaders(new HashMap<>(headers));
            exchange.getMessage().setHeader(ProviderLookup.PROVIDER_HEADER, provider);
        });
    }

    private static Map<String, String> slackSignedAt(Instant at) {
        Map<String, String> headers = new HashMap<>(Webhooks.provider("slack").signature().sign(BODY, null, utf8(SLACK_SECRET), at));
        headers.put(ApiKeyCheck.HEADER, SLACK_API_KEY);
        return headers;
    }

    private static void assertRefused(Exchange checked, int status, String code) {
        assertThat(checked.getException()).as(code).isInstanceOfSatisfying(Refusal.class, refusal -> {
            assertThat(refusal.status()).isEqualTo(status);
            assertThat(refusal.code()).isEqualTo(code);
            assertThat(refusal.getMessage()).isNotBlank();
        });
        // the route answers nothing itself: the authorizer function turns the refusal into its answer
        assertThat(checked.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isNull();
    }

    @Test
    void shouldLetThroughAKnownProviderWithItsKeyAndFreshSignatureHeaders() {
        Exchange checked = authorize("slack", slackSignedAt(Instant.now()));

        assertThat(checked.getException()).isNull();
        assertThat(checked.getProperty(IngestProperties.PROVIDER, ProviderDefinition.class).id()).isEqualTo("slack");
    }

    @Test
    void shouldTakeTheApiKeyFromTheQueryForProvidersThatCannotSetHeaders() {
        Map<String, String> headers = slackSignedAt(Instant.now());
        headers.remove(ApiKeyCheck.HEADER);
        headers.put(Exchange.HTTP_QUERY, ApiKeyCheck.QUERY_PARAMETER + "=" + SLACK_API_KEY);

        assertThat(authorize("slack", headers).getException()).isNull();
    }

    @Test
    void shouldLeaveTheSignatureItselfToTheIngestRouteWhichHasTheBody() {
        // present but wrong: only the ingest route, over the body, can tell
        Map<String, String> headers = Webhooks.shopify(BODY, "not-the-secret", "d-1", "acme.myshopify.com", "orders/create");

        assertThat(authorize("shopify", headers).getException()).isNull();
    }

    @Test
    void shouldRefuseAnUnknownProviderWith404() {
        Exchange checked = authorize("bitbucket", slackSignedAt(Instant.now()));

        assertRefused(checked, 404, "unknown_provider");
        assertThat(checked.getProperty(IngestProperties.PROVIDER)).isNull();
    }

    @Test
    void shouldRefuseAMissingOrWrongApiKeyBeforeLookingAtTheSignature() {
        Map<String, String> missing = slackSignedAt(Instant.now());
        missing.remove(ApiKeyCheck.HEADER);
        Map<String, String> wrong = slackSignedAt(Instant.now());
        wrong.put(ApiKeyCheck.HEADER, "not-the-key");
        Map<String, String> wrongAndUnsigned = Map.of(ApiKeyCheck.HEADER, "not-the-key");

        assertRefused(authorize("slack", missing), 401, "invalid_api_key");
        assertRefused(authorize("slack", wrong), 401, "invalid_api_key");
        assertRefused(authorize("slack", wrongAndUnsigned), 401, "invalid_api_key");
    }

    @Test
    void shouldRefuseMissingSignatureHeadersWith401() {
        Map<String, String> shopify = new HashMap<>(Webhooks.shopify(BODY, "shpss_authorize", "d-2", "acme.myshopify.com", "orders/create"));
        shopify.remove("X-Shopify-Hmac-Sha256");
        Map<String, String> slackWithoutTimestamp = slackSignedAt(Instant.now());
        slackWithoutTimestamp.remove("X-Slack-Request-Timestamp");

        assertRefused(authorize("shopify", shopify), 401, "invalid_signature");
        assertRefused(authorize("slack", slackWithoutTimestamp), 401, "invalid_signature");
        assertRefused(authorize("slack", Map.of(ApiKeyCheck.HEADER, SLACK_API_KEY)), 401, "invalid_signature");
    }

    @Test
    void shouldRefuseASignedTimestampOutsideTheToleranceEitherWay() {
        assertRefused(authorize("slack", slackSignedAt(Instant.now().minus(Duration.ofHours(1)))), 401, "invalid_signature");
        assertRefused(authorize("slack", slackSignedAt(Instant.now().plus(Duration.ofHours(1)))), 401, "invalid_signature");
    }
}
