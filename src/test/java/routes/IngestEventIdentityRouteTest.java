package routes;

import static inbound.testing.Webhooks.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import inbound.queue.EventAttributes;
import inbound.testing.Webhooks;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

/**
 * Which event a signed request is: a captured body re-posted with a new value in a header its
 * signature does not cover must not become a new event.
 */
class IngestEventIdentityRouteTest extends IngestRouteTestSupport {

    private static final String SHOPIFY_SECRET = "shpss_identity";
    private static final String GITHUB_SECRET = "github-identity";
    private static final String TWILIO_TOKEN = "twilio-identity";
    private static final String STRIPE_SECRET = "whsec_identity";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    protected Properties overrides() {
        Properties properties = new Properties();
        properties.put("inbound.provider.shopify.secret", SHOPIFY_SECRET);
        properties.put("inbound.provider.github.secret", GITHUB_SECRET);
        properties.put("inbound.provider.twilio.secret", TWILIO_TOKEN);
        properties.put("inbound.provider.twilio.public-url", Webhooks.TWILIO_PUBLIC_URL);
        properties.put("inbound.provider.stripe.secret", STRIPE_SECRET);
        return properties;
    }

    private String eventId(Exchange answer) throws Exception {
        assertThat(answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class)).isEqualTo(202);
        return JSON.readTree(answer.getMessage().getBody(String.class)).path("id").asText();
    }

    private String queuedDeduplicationId(int index) {
        return queue.getReceivedExchanges().get(index).getProperty(EventAttributes.DEDUPLICATION_ID_PROPERTY, String.class);
    }

    @Test
    void shouldKeepTheEventIdOfACapturedShopifyBodyRepostedWithANewWebhookIdOrShopDomain() throws Exception {
        byte[] body = utf8("{\"id\": 820982911946154508, \"updated_at\": \"2026-11-29T10:00:00-05:00\"}");

        String original = eventId(post("shopify", body, Webhooks.shopify(body, SHOPIFY_SECRET, "b54557e4-original", "acme.myshopify.com", "orders/create")));
        String newWebhookId = eventId(post("shopify", body, Webhooks.shopify(body, SHOPIFY_SECRET, "b54557e4-forged", "acme.myshopify.com", "orders/create")));
        String newShop = eventId(post("shopify", body, Webhooks.shopify(body, SHOPIFY_SECRET, "b54557e4-forged-2", "other.myshopify.com", "orders/create")));

        assertThat(newWebhookId).isEqualTo(original);
        assertThat(newShop).isEqualTo(original);
        // the queue's deduplication id is the event id: within its window the copies are not queued again
        assertThat(queuedDeduplicationId(1)).isEqualTo(queuedDeduplicationId(0));
        assertThat(queue.getReceivedExchanges().get(1).getMessage().getHeader(EventAttributes.DELIVERY_ID)).isEqualTo("b54557e4-forged");
    }

    @Test
    void shouldKeepTheEventIdOfACapturedGitHubBodyRepostedWithANewDeliveryId() throws Exception {
        byte[] body = utf8("{\"ref\": \"refs/heads/main\", \"after\": \"0d1a26e6\", \"repository\": {\"full_name\": \"octo-org/octo-repo\"}}");

        String original = eventId(post("github", body, Webhooks.github(body, GITHUB_SECRET, "72d3162e-original", "push")));
        String forged = eventId(post("github", body, Webhooks.github(body, GITHUB_SECRET, "72d3162e-forged", "push")));

        assertThat(forged).isEqualTo(original);
    }

    @Test
    void shouldKeepTheEventIdOfACapturedTwilioFormRepostedWithANewIdempotencyToken() throws Exception {
        byte[] form = utf8("MessageSid=SM1234&AccountSid=AC1&From=%2B15551234567&To=%2B15557654321&SmsStatus=delivered");

        String original = eventId(post("twilio", form, twilio(form, "idem-original")));
        String forged = eventId(post("twilio", form, twilio(form, "idem-forged")));

        assertThat(forged).isEqualTo(original);
    }

    @Test
    void shouldGiveTwoStatusCallbacksOfOneTwilioMessageTwoEventIds() throws Exception {
        byte[] sent = utf8("MessageSid=SM77&AccountSid=AC1&From=%2B15551234567&SmsStatus=sent");
        byte[] delivered = utf8("MessageSid=SM77&AccountSid=AC1&From=%2B15551234567&SmsStatus=delivered");

        assertThat(eventId(post("twilio", delivered, twilio(delivered, null))))
                .isNotEqualTo(eventId(post("twilio", sent, twilio(sent, null))));
    }

    @Test
    void shouldGiveTheSameBodyUnderAnotherTopicAnotherEventId() throws Exception {
        // Shopify sends byte-identical bodies under two topics (orders/create and orders/paid of an order paid at
        // checkout): both are real events. The topic is not signed, so a captured body re-posted under another topic
        // is a new event too; only its schema can tell (see the providers page)
        byte[] body = utf8("{\"id\": 450789469, \"financial_status\": \"paid\"}");

        String created = eventId(post("shopify", body, Webhooks.shopify(body, SHOPIFY_SECRET, "w-1", "acme.myshopify.com", "orders/create")));
        String paid = eventId(post("shopify", body, Webhooks.shopify(body, SHOPIFY_SECRET, "w-2", "acme.myshopify.com", "orders/paid")));

        assertThat(paid).isNotEqualTo(created);
    }

    @Test
    void shouldTakeStripesEventIdFromItsSignedBody() throws Exception {
        byte[] body = utf8("{\"id\": \"evt_1NG8Du2eZvKYlo2CUI79vXWy\", \"type\": \"invoice.paid\", \"data\": {\"object\": {\"id\": \"in_1\"}}}");
        Map<String, String> headers = new HashMap<>(Map.of("Content-Type", "application/json"));
        headers.putAll(Webhooks.provider("stripe").signature().sign(body, null, utf8(STRIPE_SECRET), Instant.now()));

        String first = eventId(post("stripe", body, headers));
        headers.putAll(Webhooks.provider("stripe").signature().sign(body, null, utf8(STRIPE_SECRET), Instant.now().plusSeconds(1)));
        String resigned = eventId(post("stripe", body, headers));

        assertThat(resigned).isEqualTo(first);
        assertThat(queue.getReceivedExchanges().get(0).getMessage().getHeader(EventAttributes.DELIVERY_ID)).isEqualTo("evt_1NG8Du2eZvKYlo2CUI79vXWy");
    }

    private static Map<String, String> twilio(byte[] form, String idempotencyToken) {
        Map<String, String> headers = new HashMap<>(Map.of("Content-Type", "application/x-www-form-urlencoded"));
        if (idempotencyToken != null) {
            headers.put("I-Twilio-Idempotency-Token", idempotencyToken);
        }
        headers.putAll(Webhooks.provider("twilio").signature().sign(form, null, utf8(TWILIO_TOKEN), Instant.now()));
        return headers;
    }
}
