package inbound.server;

import static inbound.testing.Webhooks.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import inbound.queue.EventAttributes;
import inbound.support.Sha256;
import inbound.testing.InProcessInbound;
import inbound.testing.QueueReader;
import inbound.testing.WebhookClient;
import inbound.testing.StoredPayloads;
import inbound.testing.Webhooks;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/** Each built-in provider through HTTP: signed as the provider signs, queued byte for byte with its metadata. */
class ProviderEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STANDARD_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    @TempDir
    static Path dataDir;

    private static InProcessInbound server;
    private static WebhookClient client;
    private static QueueReader queue;

    @BeforeAll
    static void startServer() throws Exception {
        Properties properties = new Properties();
        properties.put("inbound.worker.enabled", "false");
        properties.put("inbound.provider.github.secret", "github-secret");
        properties.put("inbound.provider.stripe.secret", "whsec_stripe_test");
        properties.put("inbound.provider.standard-webhooks.secret", STANDARD_SECRET);
        properties.put("inbound.provider.slack.secret", "slack-signing-secret");
        properties.put("inbound.provider.twilio.secret", "twilio-auth-token");
        properties.put("inbound.provider.twilio.public-url", Webhooks.TWILIO_PUBLIC_URL);
        server = InProcessInbound.create(dataDir, properties).start();
        client = server.client();
        queue = server.queue("webhook-events.fifo");
    }

    @AfterAll
    static void stopServer() throws Exception {
        queue.close();
        server.close();
    }

    @AfterEach
    void emptyTheQueue() {
        queue.drain();
    }

    private static HttpResponse<String> post(String provider, String secret, String contentType, String query, byte[] body, Map<String, String> extra) {
        Map<String, String> headers = new HashMap<>(Webhooks.provider(provider).signature().sign(body, query, utf8(secret), Instant.now()));
        headers.put("Content-Type", contentType);
        headers.putAll(extra);
        return client.post(provider, query, body, headers);
    }

    private static Message onlyQueued(byte[] body) {
        List<Message> messages = queue.drain();
        assertThat(messages).hasSize(1);
        assertThat(new StoredPayloads(dataDir).body(messages.get(0))).isEqualTo(body);
        return messages.get(0);
    }

    @Test
    void shouldQueueAGitHubEventByItsRepository() throws Exception {
        byte[] body = utf8("{\"ref\": \"refs/heads/main\", \"repository\": {\"full_name\": \"octo-org/octo-repo\"}}");

        HttpResponse<String> answer = post("github", "github-secret", "application/json", null, body,
                Map.of("X-GitHub-Event", "push", "X-GitHub-Delivery", "72d3162e-cc78-11e3-81ab-4c9367dc0958"));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        Message message = onlyQueued(body);
        assertThat(QueueReader.attribute(message, EventAttributes.TOPIC)).isEqualTo("push");
        assertThat(QueueReader.attribute(message, EventAttributes.DELIVERY_ID)).isEqualTo("72d3162e-cc78-11e3-81ab-4c9367dc0958");
        assertThat(message.attributes()).containsEntry(MessageSystemAttributeName.MESSAGE_GROUP_ID, "github:octo-org/octo-repo");
    }

    @Test
    void shouldQueueAStripeEventByItsCustomer() throws Exception {
        byte[] body = utf8("{\"id\": \"evt_1NG8Du2eZvKYlo2CUI79vXWy\", \"type\": \"invoice.paid\", \"data\": {\"object\": {\"id\": \"in_1\", \"customer\": \"cus_9\"}}}");

        HttpResponse<String> answer = post("stripe", "whsec_stripe_test", "application/json", null, body, Map.of());

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        Message message = onlyQueued(body);
        assertThat(QueueReader.attribute(message, EventAttributes.TOPIC)).isEqualTo("invoice.paid");
        assertThat(QueueReader.attribute(message, EventAttributes.DELIVERY_ID)).isEqualTo("evt_1NG8Du2eZvKYlo2CUI79vXWy");
        assertThat(message.attributes()).containsEntry(MessageSystemAttributeName.MESSAGE_GROUP_ID, "stripe:cus_9");
    }

    @Test
    void shouldQueueAStandardWebhooksEventAndRefuseAStaleOne() throws Exception {
        byte[] body = utf8("{\"type\": \"invoice.paid\", \"data\": {\"id\": \"inv_42\"}}");

        HttpResponse<String> answer = post("standard-webhooks", STANDARD_SECRET, "application/json", null, body, Map.of());
        Map<String, String> stale = new HashMap<>(Webhooks.provider("standard-webhooks").signature()
                .sign(body, null, utf8(STANDARD_SECRET), Instant.now().minusSeconds(600)));
        HttpResponse<String> refused = client.post("standard-webhooks", body, stale);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        Message message = onlyQueued(body);
        assertThat(QueueReader.attribute(message, EventAttributes.TOPIC)).isEqualTo("invoice.paid");
        assertThat(QueueReader.attribute(message, EventAttributes.DELIVERY_ID)).startsWith("msg_");
        assertThat(message.attributes()).containsEntry(MessageSystemAttributeName.MESSAGE_GROUP_ID, "standard-webhooks:inv_42");
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(refused.body()).path("message").asText()).contains("tolerance");
    }

    @Test
    void shouldAnswerSlacksUrlVerificationAtOnceWithoutQueueingIt() throws Exception {
        byte[] body = utf8("{\"token\": \"Jhj5dZrVaK7ZwHHjRyZWjbDl\", \"challenge\": \"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P\", \"type\": \"url_verification\"}");

        HttpResponse<String> answer = post("slack", "slack-signing-secret", "application/json", null, body, Map.of());
        HttpResponse<String> unsigned = client.post("slack", body, Map.of("Content-Type", "application/json"));

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(answer.body()).path("challenge").asText()).isEqualTo("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P");
        assertThat(unsigned.statusCode()).isEqualTo(401);
        assertThat(queue.drain()).isEmpty();
    }

    @Test
    void shouldQueueSlackEventsAndFormPostedCommandsByteForByte() throws Exception {
        byte[] event = utf8("{\"type\": \"event_callback\", \"team_id\": \"T1DC2JH3J\", \"event_id\": \"Ev0PV52K21\", \"event\": {\"type\": \"app_mention\"}}");
        byte[] command = utf8("token=x&team_id=T1DC2JH3J&command=%2Fweather&text=94070&trigger_id=13345224609.738474920.8088930838d88f008e0");

        assertThat(post("slack", "slack-signing-secret", "application/json", null, event, Map.of()).statusCode()).isEqualTo(202);
        Message queuedEvent = onlyQueued(event);
        HttpResponse<String> commandAnswer = post("slack", "slack-signing-secret", "application/x-www-form-urlencoded", null, command, Map.of());

        assertThat(QueueReader.attribute(queuedEvent, EventAttributes.TOPIC)).isEqualTo("app_mention");
        assertThat(queuedEvent.attributes()).containsEntry(MessageSystemAttributeName.MESSAGE_GROUP_ID, "slack:T1DC2JH3J");
        assertThat(commandAnswer.statusCode()).as(commandAnswer.body()).isEqualTo(202);
        Message queuedCommand = onlyQueued(command);
        assertThat(QueueReader.attribute(queuedCommand, EventAttributes.TOPIC)).isEqualTo("/weather");
        assertThat(QueueReader.attribute(queuedCommand, EventAttributes.DELIVERY_ID)).isEqualTo("13345224609.738474920.8088930838d88f008e0");
    }

    @Test
    void shouldQueueTwilioFormAndJsonPosts() throws Exception {
        byte[] form = utf8("MessageSid=SM1234&AccountSid=AC1&From=%2B15551234567&To=%2B15557654321&Body=Hello+there&SmsStatus=received");
        byte[] json = utf8("{\"event\": \"com.twilio.messaging.message.delivered\"}");
        String jsonQuery = "bodySHA256=" + Sha256.hex(json);

        HttpResponse<String> formAnswer = post("twilio", "twilio-auth-token", "application/x-www-form-urlencoded", null, form, Map.of());
        Message queuedForm = onlyQueued(form);
        HttpResponse<String> jsonAnswer = post("twilio", "twilio-auth-token", "application/json", jsonQuery, json,
                Map.of("I-Twilio-Idempotency-Token", "idem-1"));
        Message queuedJson = onlyQueued(json);
        HttpResponse<String> forged = post("twilio", "not-the-token", "application/x-www-form-urlencoded", null, form, Map.of());

        assertThat(formAnswer.statusCode()).as(formAnswer.body()).isEqualTo(202);
        assertThat(QueueReader.attribute(queuedForm, EventAttributes.DELIVERY_ID)).isEqualTo("SM1234");
        assertThat(QueueReader.attribute(queuedForm, EventAttributes.TOPIC)).isEqualTo("received");
        assertThat(queuedForm.attributes()).containsEntry(MessageSystemAttributeName.MESSAGE_GROUP_ID, "twilio:+15551234567");
        assertThat(jsonAnswer.statusCode()).as(jsonAnswer.body()).isEqualTo(202);
        assertThat(QueueReader.attribute(queuedJson, EventAttributes.DELIVERY_ID)).isEqualTo("idem-1");
        assertThat(forged.statusCode()).isEqualTo(401);
    }
}
