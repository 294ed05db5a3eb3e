package routes;

import static inbound.testing.Webhooks.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import inbound.ingest.ApiKeyCheck;
import inbound.ingest.RefusalResponse;
import inbound.queue.EventAttributes;
import inbound.queue.Overloaded;
import inbound.testing.CapturedLogs;
import inbound.testing.Webhooks;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;

/** The ingest route with the queue endpoint mocked: every answer it can give. */
class IngestRouteTest extends IngestRouteTestSupport {

    private static final String SHOPIFY_SECRETS = "shpss_old, shpss_new";
    private static final String GITHUB_SECRET = "It's a Secret to Everybody";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    protected Properties overrides() {
        Properties properties = new Properties();
        properties.put("inbound.provider.shopify.secret", SHOPIFY_SECRETS);
        properties.put("inbound.provider.github.secret", GITHUB_SECRET);
        properties.put("inbound.max-body-bytes", "2048");
        // bodies queued as they are, as with a configured queue: IngestClaimCheckRouteTest has the embedded default
        properties.put("inbound.claim-check.threshold-bytes", "2048");
        properties.put("inbound.provider.slack.secret", "slack-signing-secret");
        properties.put("inbound.provider.slack.api-key", "slack-api-key");
        return properties;
    }

    private static int status(Exchange exchange) {
        return exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
    }

    private static JsonNode json(Exchange exchange) throws Exception {
        return JSON.readTree(exchange.getMessage().getBody(String.class));
    }

    private void assertRefused(Exchange answer, int status, String error) throws Exception {
        assertThat(status(answer)).isEqualTo(status);
        assertThat(json(answer).path("error").asText()).isEqualTo(error);
        assertThat(json(answer).path("message").asText()).isNotBlank();
        assertThat(json(answer).has("id")).isFalse();
        queue.expectedMessageCount(0);
        queue.assertIsSatisfied();
    }

    @Test
    void shouldQueueTheRawBodyWithItsMetadataAndAnswer202() throws Exception {
        byte[] body = utf8("{\"id\": 1, \"note\": \"caf\u00e9 \u2615\", \"field_added_last_week\": true}");
        String webhookId = UUID.randomUUID().toString();

        Exchange answer = post("shopify", body, Webhooks.shopify(body, "shpss_new", webhookId, "acme.myshopify.com", "orders/create"));

        assertThat(status(answer)).isEqualTo(202);
        String eventId = json(answer).path("id").asText();
        assertThat(eventId).isNotBlank();
        Exchange queued = queue.getReceivedExchanges().get(0);
        assertThat(queued.getMessage().getBody(byte[].class)).isEqualTo(body);
        assertThat(queued.getMessage().getHeaders()).containsOnlyKeys(
                EventAttributes.PROVIDER, EventAttributes.TOPIC, EventAttributes.EVENT_ID, EventAttributes.DELIVERY_ID, EventAttributes.RECEIVED_AT);
        assertThat(queued.getMessage().getHeader(EventAttributes.PROVIDER)).isEqualTo("shopify");
        assertThat(queued.getMessage().getHeader(EventAttributes.TOPIC)).isEqualTo("orders/create");
        assertThat(queued.getMessage().getHeader(EventAttributes.EVENT_ID)).isEqualTo(eventId);
        assertThat(queued.getMessage().getHeader(EventAttributes.DELIVERY_ID)).isEqualTo(webhookId);
        assertThat(queued.getProperty(EventAttributes.GROUP_ID_PROPERTY)).isEqualTo("shopify:acme.myshopify.com");
        assertThat(queued.getProperty(EventAttributes.DEDUPLICATION_ID_PROPERTY)).isEqualTo(eventId);
    }

    @Test
    void shouldRequireTheApiKeyOfAProviderThatHasOneInAHeaderOrTheQuery() throws Exception {
        byte[] body = utf8("{\"type\": \"event_callback\", \"event_id\": \"Ev1\", \"team_id\": \"T1\", \"event\": {\"type\": \"app_mention\"}}");
        Map<String, String> signed = new HashMap<>(Webhooks.provider("slack").signature()
                .sign(body, null, utf8("slack-signing-secret"), java.time.Instant.now()));

        assertRefused(post("slack", body, signed), 401, "invalid_api_key");
        signed.put(ApiKeyCheck.HEADER, "not-the-key");
        assertRefused(post("slack", body, signed), 401, "invalid_api_key");

        signed.put(ApiKeyCheck.HEADER, "slack-api-key");
        assertThat(status(post("slack", body, signed))).isEqualTo(202);
        signed.remove(ApiKeyCheck.HEADER);
        signed.put(Exchange.HTTP_QUERY, "inbound_api_key=slack-api-key");
        assertThat(status(post("slack", body, signed))).isEqualTo(202);
    }

    @Test
    void shouldGiveARetriedDeliveryTheSameEventId() throws Exception {
        byte[] body = utf8("{\"id\": 2}");
        Map<String, String> headers = Webhooks.shopify(body, "shpss_old", "delivery-2", "acme.myshopify.com", "orders/updated");

        String first = json(post("shopify", body, headers)).path("id").asText();
        String retried = json(post("shopify", body, headers)).path("id").asText();
        byte[] changed = utf8("{\"id\": 2, \"note\": \"changed\"}");
        String other = json(post("shopify", changed, Webhooks.shopify(changed, "shpss_old", "delivery-3", "acme.myshopify.com", "orders/updated")))
                .path("id").asText();

        assertThat(retried).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
    }

    @Test
    void shouldOrderGitHubEventsByRepositoryAndFallBackToTheDelivery() throws Exception {
        byte[] push = utf8("{\"ref\": \"refs/heads/main\", \"repository\": {\"full_name\": \"octo-org/octo-repo\"}}");
        byte[] zen = utf8("{\"zen\": \"Keep it simple.\"}");

        post("github", push, Webhooks.github(push, GITHUB_SECRET, "d-1", "push"));
        post("github", zen, Webhooks.github(zen, GITHUB_SECRET, "d-2", "ping"));

        assertThat(queue.getReceivedExchanges()).extracting(e -> e.getProperty(EventAttributes.GROUP_ID_PROPERTY))
                .containsExactly("github:octo-org/octo-repo", "github:d-2");
    }

    @Test
    void shouldVerifyGitHubsDocumentedVectorBeforeRefusingItsNonJsonBody() throws Exception {
        Map<String, String> headers = Map.of(
                "X-GitHub-Event", "ping", "X-GitHub-Delivery", "d-vector",
                "X-Hub-Signature-256", "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17");

        Exchange answer = post("github", utf8("Hello, World!"), headers);

        // the signature passed (not 401); "Hello, World!" is then refused as what it is: not JSON
        assertRefused(answer, 400, "malformed_body");
    }

    @Test
    void shouldAnswer404ForAnUnknownProvider() throws Exception {
        assertRefused(post("bitbucket", utf8("{}"), Map.of()), 404, "unknown_provider");
    }

    @Test
    void shouldAnswer413ForABodyOverTheLimit() throws Exception {
        byte[] big = utf8("{\"pad\": \"" + "x".repeat(2048) + "\"}");

        assertRefused(post("shopify", big, Webhooks.shopify(big, "shpss_new", "d-big", "acme.myshopify.com", "orders/create")), 413, "body_too_large");
    }

    @Test
    void shouldAnswer413FromADeclaredLengthBeforeReadingTheBody() throws Exception {
        Map<String, String> headers = new HashMap<>(Webhooks.shopify(utf8("{}"), "shpss_new", "d-len", "acme.myshopify.com", "orders/create"));
        headers.put(Exchange.CONTENT_LENGTH, "999999");

        assertRefused(post("shopify", utf8("{}"), headers), 413, "body_too_large");
    }

    @Test
    void shouldAnswer401ForAWrongOrMissingSignature() throws Exception {
        byte[] body = utf8("{\"id\": 3}");
        Map<String, String> wrong = Webhooks.shopify(body, "not-our-secret", "d-wrong", "acme.myshopify.com", "orders/create");
        Map<String, String> missing = new HashMap<>(wrong);
        missing.remove("X-Shopify-Hmac-Sha256");

        assertRefused(post("shopify", body, wrong), 401, "invalid_signature");
        assertRefused(post("shopify", body, missing), 401, "invalid_signature");
    }

    @Test
    void shouldAnswer400ForBodiesThatAreNotOneJsonValue() throws Exception {
        for (String body : new String[] {"", "{\"id\": ", "{} {}", "not json"}) {
            byte[] bytes = utf8(body);
            Exchange answer = post("shopify", bytes, Webhooks.shopify(bytes, "shpss_new", "d-" + body.hashCode(), "acme.myshopify.com", "orders/create"));
            assertRefused(answer, 400, "malformed_body");
        }
    }

    @Test
    void shouldAnswer400ForBodiesThatAreNotUtf8OrNotWellFormedForms() throws Exception {
        byte[] latin1 = "{\"note\": \"caf\u00e9\"}".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        byte[] form = utf8("a=1&flag");
        Map<String, String> formHeaders = new HashMap<>(Webhooks.shopify(form, "shpss_new", "d-form", "acme.myshopify.com", "orders/create"));
        formHeaders.put("Content-Type", "application/x-www-form-urlencoded");

        assertRefused(post("shopify", latin1, Webhooks.shopify(latin1, "shpss_new", "d-latin1", "acme.myshopify.com", "orders/create")),
                400, "malformed_body");
        assertRefused(post("shopify", form, formHeaders), 400, "malformed_body");
    }

    @Test
    void shouldAcceptJsonOfAnyShape() throws Exception {
        for (String body : new String[] {"[1, 2]", "\"text\"", "42", "{\"unknown\": {\"nested\": [null]}}"}) {
            byte[] bytes = utf8(body);
            Exchange answer = post("shopify", bytes, Webhooks.shopify(bytes, "shpss_new", "d-" + body.hashCode(), "acme.myshopify.com", "orders/create"));
            assertThat(status(answer)).as(body).isEqualTo(202);
        }
    }

    @Test
    void shouldAnswer503WithRetryAfterWhenTheQueueFails() throws Exception {
        queue.whenAnyExchangeReceived(exchange -> {
            throw SdkClientException.create("Unable to execute HTTP request: Connection refused");
        });
        byte[] body = utf8("{\"id\": 4}");

        Exchange answer = post("shopify", body, Webhooks.shopify(body, "shpss_new", "d-down", "acme.myshopify.com", "orders/create"));

        assertThat(status(answer)).isEqualTo(503);
        assertThat(answer.getMessage().getHeader("Retry-After", String.class)).isEqualTo("5");
        assertThat(json(answer).path("error").asText()).isEqualTo("queue_unavailable");
        assertThat(json(answer).has("id")).isFalse();
    }

    @Test
    void shouldAnswer503QueueBusyWithRetryAfterWhenTheQueueIsBehind() throws Exception {
        queue.whenAnyExchangeReceived(exchange -> {
            throw new Overloaded("The queue is behind; retry later.");
        });
        byte[] body = utf8("{\"id\": 5}");

        Exchange answer = post("shopify", body, Webhooks.shopify(body, "shpss_new", "d-busy", "acme.myshopify.com", "orders/create"));

        assertThat(status(answer)).isEqualTo(503);
        assertThat(answer.getMessage().getHeader("Retry-After", String.class)).isEqualTo("5");
        assertThat(json(answer).path("error").asText()).isEqualTo("queue_busy");
    }

    @Test
    void shouldLogARefusalOnceWithoutPayloadOrSecretAndEchoNoRequestHeader() throws Exception {
        byte[] body = utf8("{\"customer_email\": \"private@example.com\"}");
        try (CapturedLogs logs = new CapturedLogs(RefusalResponse.class)) {
            Exchange answer = post("shopify", body, Webhooks.shopify(body, "shpss_wrong", "d-log", "acme.myshopify.com", "orders/create"));

            assertThat(status(answer)).isEqualTo(401);
            assertThat(answer.getMessage().getHeaders()).doesNotContainKeys("X-Shopify-Hmac-Sha256", "X-Shopify-Shop-Domain");
            assertThat(logs.events()).hasSize(1);
            ILoggingEvent line = logs.events().get(0);
            assertThat(line.getLevel()).isEqualTo(Level.INFO);
            assertThat(line.getFormattedMessage()).contains("shopify", "401")
                    .doesNotContain("private@example.com", "shpss_old", "shpss_new", "shpss_wrong");
        }
    }
}
