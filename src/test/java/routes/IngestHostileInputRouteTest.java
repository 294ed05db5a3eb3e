package routes;

import static inbound.testing.Webhooks.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import inbound.testing.Webhooks;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

/**
 * The ingest route with the queue mocked, against requests built to break it: each gets a JSON answer
 * with a 4xx status, or — for a bug — {@code 500 {"error":"internal"}}; never Camel's default answer.
 */
class IngestHostileInputRouteTest extends IngestRouteTestSupport {

    private static final String TWILIO_TOKEN = "twilio-auth-token";
    private static final String STRIPE_SECRET = "whsec_stripe";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    protected Properties overrides() {
        Properties properties = new Properties();
        properties.put("inbound.provider.twilio.secret", TWILIO_TOKEN);
        properties.put("inbound.provider.twilio.public-url", Webhooks.TWILIO_PUBLIC_URL);
        properties.put("inbound.provider.standard-webhooks.secret", "whsec_");
        properties.put("inbound.provider.shopify.secret", "shpss_hostile");
        properties.put("inbound.provider.stripe.secret", STRIPE_SECRET);
        // bodies queued as they are, so that a body near the queue's limit meets it (none is stored aside)
        properties.put("inbound.claim-check.threshold-bytes", "1048576");
        return properties;
    }

    private static int status(Exchange exchange) {
        Integer status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        return status == null ? -1 : status;
    }

    private static JsonNode json(Exchange exchange) throws Exception {
        return JSON.readTree(exchange.getMessage().getBody(String.class));
    }

    private void assertAnswered(Exchange answer, int status, String error) throws Exception {
        assertThat(answer.getException()).as("an exception left unhandled").isNull();
        assertThat(status(answer)).isEqualTo(status);
        assertThat(json(answer).path("error").asText()).isEqualTo(error);
        assertThat(json(answer).path("message").asText()).isNotBlank().doesNotContain("\tat ", "Exception", "Error");
        queue.expectedMessageCount(0);
        queue.assertIsSatisfied();
    }

    private static Map<String, String> form(String... more) {
        Map<String, String> headers = new HashMap<>(Map.of("Content-Type", "application/x-www-form-urlencoded"));
        for (int i = 0; i < more.length; i += 2) {
            headers.put(more[i], more[i + 1]);
        }
        return headers;
    }

    @Test
    void shouldRefuseAnUnsignedTwilioFormOfAHundredThousandEmptyPairsWith401() throws Exception {
        byte[] body = utf8("a=&".repeat(100_000));

        Exchange answer = post("twilio", body, form("X-Twilio-Signature", "bm90IGEgc2lnbmF0dXJl"));

        assertAnswered(answer, 401, "invalid_signature");
    }

    @Test
    void shouldAcceptASignedTwilioFormOfAHundredThousandPairs() throws Exception {
        byte[] body = utf8("MessageSid=SM1&From=%2B15551234567" + "&a=1".repeat(100_000));
        Map<String, String> headers = form();
        headers.putAll(Webhooks.provider("twilio").signature().sign(body, null, utf8(TWILIO_TOKEN), Instant.now()));

        Exchange answer = post("twilio", body, headers);

        assertThat(answer.getException()).isNull();
        assertThat(status(answer)).isEqualTo(202);
    }

    @Test
    void shouldRefuseATwilioQueryWithABrokenPercentEscapeWith401() throws Exception {
        byte[] body = utf8("{\"MessageSid\": \"SM2\"}");
        Map<String, String> headers = new HashMap<>(Map.of("Content-Type", "application/json",
                "X-Twilio-Signature", "bm90IGEgc2lnbmF0dXJl", Exchange.HTTP_QUERY, "bodySHA256=%zz"));

        assertAnswered(post("twilio", body, headers), 401, "invalid_signature");
    }

    @Test
    void shouldRefuseEveryRequestWith401WhenTheStandardWebhooksSecretIsOnlyItsPrefix() throws Exception {
        byte[] body = utf8("{\"type\": \"invoice.paid\"}");
        Map<String, String> headers = Map.of("Content-Type", "application/json", "webhook-id", "msg_1",
                "webhook-timestamp", String.valueOf(Instant.now().getEpochSecond()), "webhook-signature", "v1,bm90IGEgc2lnbmF0dXJl");

        assertAnswered(post("standard-webhooks", body, headers), 401, "invalid_signature");
    }

    @Test
    void shouldAnswerAnUnexpectedExceptionWith500InternalAsJson() throws Exception {
        queue.whenAnyExchangeReceived(exchange -> {
            throw new IllegalStateException("a bug in a step");
        });
        byte[] body = utf8("{\"id\": 1}");

        Exchange answer = post("shopify", body, Webhooks.shopify(body, "shpss_hostile", "d-bug", "acme.myshopify.com", "orders/create"));

        assertThat(answer.getException()).isNull();
        assertThat(status(answer)).isEqualTo(500);
        assertThat(json(answer).path("error").asText()).isEqualTo("internal");
        assertThat(json(answer).path("message").asText()).isNotBlank().doesNotContain("a bug in a step");
        assertThat(json(answer).has("id")).isFalse();
    }

    @Test
    void shouldAnswerAnErrorThrownInAStepWith500InternalAsJson() throws Exception {
        queue.whenAnyExchangeReceived(exchange -> {
            throw new StackOverflowError();
        });
        byte[] body = utf8("{\"id\": 2}");

        Exchange answer = post("shopify", body, Webhooks.shopify(body, "shpss_hostile", "d-error", "acme.myshopify.com", "orders/create"));

        assertThat(answer.getException()).isNull();
        assertThat(status(answer)).isEqualTo(500);
        assertThat(json(answer).path("error").asText()).isEqualTo("internal");
    }

    private Exchange postShopify(String body, String webhookId, String topic) {
        byte[] bytes = utf8(body);
        return post("shopify", bytes, Webhooks.shopify(bytes, "shpss_hostile", webhookId, "acme.myshopify.com", topic));
    }

    private Exchange postStripe(String body) {
        byte[] bytes = utf8(body);
        Map<String, String> headers = new HashMap<>(Map.of("Content-Type", "application/json"));
        headers.putAll(Webhooks.provider("stripe").signature().sign(bytes, null, utf8(STRIPE_SECRET), Instant.now()));
        return post("stripe", bytes, headers);
    }

    @Test
    void shouldRefuseWith400ABodyWithACharacterTheQueueCannotCarry() throws Exception {
        assertAnswered(postShopify("{\"note\": \"\uFFFF\"}", "d-ffff", "orders/create"), 400, "unsupported_characters");
        assertAnswered(postShopify("{\"note\": \"\uFFFE\"}", "d-fffe", "orders/create"), 400, "unsupported_characters");
    }

    @Test
    void shouldRefuseWith400ATopicOrDeliveryIdWithAControlCharacterOrOneTheQueueCannotCarry() throws Exception {
        assertAnswered(postShopify("{}", "d-control", "orders\u0001create"), 400, "invalid_metadata");
        assertAnswered(postShopify("{}", "d-\n-newline", "orders/create"), 400, "invalid_metadata");
        assertAnswered(postStripe("{\"id\": \"evt_1\", \"type\": \"invoice\\u0007paid\"}"), 400, "invalid_metadata");
        assertAnswered(postStripe("{\"id\": \"evt_\\ud800\", \"type\": \"invoice.paid\"}"), 400, "invalid_metadata");
    }

    @Test
    void shouldRefuseWith400ATopicOrDeliveryIdLongerThanTheDatabaseKeeps() throws Exception {
        assertAnswered(postShopify("{}", "d-long-topic", "t".repeat(256)), 400, "invalid_metadata");
        assertAnswered(postShopify("{}", "d".repeat(256), "orders/create"), 400, "invalid_metadata");
    }

    @Test
    void shouldAcceptATopicAndDeliveryIdOfTheLongestLengthTheDatabaseKeeps() {
        Exchange answer = postShopify("{}", "d".repeat(255), "t".repeat(255));

        assertThat(answer.getException()).isNull();
        assertThat(status(answer)).isEqualTo(202);
    }

    @Test
    void shouldRefuseWith413ABodyWithinTheBodyLimitWhoseAttributesTakeItOverTheMessageLimit() throws Exception {
        String body = "\"" + "x".repeat(1_048_576 - 100) + "\"";

        assertAnswered(postShopify(body, "d-large", "orders/create"), 413, "message_too_large");
    }
}
