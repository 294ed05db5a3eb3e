package inbound.server;

import static inbound.testing.Webhooks.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import inbound.claimcheck.PayloadPointer;
import inbound.queue.EventAttributes;
import inbound.testing.CapturedLogs;
import inbound.testing.InProcessInbound;
import inbound.testing.QueueReader;
import inbound.testing.WebhookClient;
import inbound.testing.StoredPayloads;
import inbound.testing.Webhooks;
import inbound.wiring.ProviderBeans;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/** The server shape on free loopback ports with its embedded queue: HTTP in, messages read back with the AWS SDK. */
class IngestEndToEndTest {

    private static final String SECRET = "shpss_end_to_end";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dataDir;

    private static InProcessInbound server;
    private static WebhookClient client;
    private static QueueReader queue;
    private static List<String> startupWarnings;

    @BeforeAll
    static void startServer() throws Exception {
        Properties properties = new Properties();
        properties.put("inbound.max-body-bytes", "65536");
        properties.put("inbound.provider.shopify.secret", SECRET);
        // these tests read the queue themselves
        properties.put("inbound.worker.enabled", "false");
        server = InProcessInbound.create(dataDir, properties);
        try (CapturedLogs logs = new CapturedLogs(ProviderBeans.class)) {
            server.start();
            startupWarnings = logs.events().stream().filter(event -> event.getLevel() == Level.WARN).map(ILoggingEvent::getFormattedMessage).toList();
        }
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

    private static String eventId(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body()).path("id").asText();
    }

    @Test
    void shouldQueueTheExactBodyWithItsAttributesAndGroup() throws Exception {
        // not how Jackson would write it: spacing, key order, escapes and non-ASCII survive byte for byte
        byte[] body = utf8("{ \"id\" :1,\"title\":\"Caf\u00e9 \\u00e9 \u2615\",\n  \"unknown_new_field\": [ ] }");
        String webhookId = UUID.randomUUID().toString();

        HttpResponse<String> response = client.post("shopify", body, Webhooks.shopify(body, SECRET, webhookId, "acme.myshopify.com", "orders/create"));

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        List<Message> messages = queue.drain();
        assertThat(messages).hasSize(1);
        Message message = messages.get(0);
        // the embedded queue's default: the body is stored aside and the message carries its pointer
        assertThat(new StoredPayloads(dataDir).body(message)).isEqualTo(body);
        assertThat(message.messageAttributes()).containsOnlyKeys(EventAttributes.PROVIDER, EventAttributes.TOPIC,
                EventAttributes.EVENT_ID, EventAttributes.DELIVERY_ID, EventAttributes.RECEIVED_AT, PayloadPointer.SIZE_ATTRIBUTE);
        assertThat(QueueReader.attribute(message, PayloadPointer.SIZE_ATTRIBUTE)).isEqualTo(String.valueOf(body.length));
        assertThat(QueueReader.attribute(message, EventAttributes.PROVIDER)).isEqualTo("shopify");
        assertThat(QueueReader.attribute(message, EventAttributes.TOPIC)).isEqualTo("orders/create");
        assertThat(QueueReader.attribute(message, EventAttributes.DELIVERY_ID)).isEqualTo(webhookId);
        assertThat(QueueReader.attribute(message, EventAttributes.EVENT_ID)).isEqualTo(eventId(response));
        assertThat(QueueReader.attribute(message, EventAttributes.RECEIVED_AT)).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(message.attributes()).containsEntry(MessageSystemAttributeName.MESSAGE_GROUP_ID, "shopify:acme.myshopify.com");
        assertThat(message.attributes()).containsEntry(MessageSystemAttributeName.MESSAGE_DEDUPLICATION_ID, eventId(response));
    }

    @Test
    void shouldQueueARepeatedDeliveryOnce() throws Exception {
        byte[] body = utf8("{\"id\": 2}");
        Map<String, String> headers = Webhooks.shopify(body, SECRET, "repeated-delivery", "acme.myshopify.com", "orders/updated");

        HttpResponse<String> first = client.post("shopify", body, headers);
        HttpResponse<String> retry = client.post("shopify", body, headers);

        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(retry.statusCode()).isEqualTo(202);
        assertThat(eventId(retry)).isEqualTo(eventId(first));
        assertThat(queue.drain()).hasSize(1);
    }

    @Test
    void shouldRefuseOverHttpWithJsonErrorsAndQueueNothing() throws Exception {
        byte[] body = utf8("{\"id\": 3}");
        byte[] tooLarge = utf8("{\"pad\": \"" + "x".repeat(70_000) + "\"}");

        HttpResponse<String> unknown = client.post("bitbucket", body, Map.of());
        HttpResponse<String> wrongSignature = client.post("shopify", body, Webhooks.shopify(body, "other", "d-1", "acme.myshopify.com", "orders/create"));
        HttpResponse<String> noSecretConfigured = client.post("github", body, Webhooks.github(body, "anything", "d-2", "ping"));
        HttpResponse<String> notJson = client.post("shopify", utf8("{oops"), Webhooks.shopify(utf8("{oops"), SECRET, "d-3", "acme.myshopify.com", "orders/create"));
        HttpResponse<String> overLimit = client.post("shopify", tooLarge, Webhooks.shopify(tooLarge, SECRET, "d-4", "acme.myshopify.com", "orders/create"));

        assertThat(List.of(unknown, wrongSignature, noSecretConfigured, notJson, overLimit))
                .extracting(HttpResponse::statusCode).containsExactly(404, 401, 401, 400, 413);
        assertThat(List.of(unknown, wrongSignature, noSecretConfigured, notJson, overLimit))
                .extracting(response -> JSON.readTree(response.body()).path("error").asText())
                .containsExactly("unknown_provider", "invalid_signature", "invalid_signature", "malformed_body", "body_too_large");
        assertThat(queue.drain()).isEmpty();
    }

    @Test
    void shouldWarnOnceAtStartUpForEachProviderWithoutSecret() {
        // every shipped provider but shopify has no secret here: one warning each, naming its variable
        assertThat(startupWarnings).hasSize(5).noneMatch(warning -> warning.contains(SECRET));
        assertThat(startupWarnings).filteredOn(warning -> warning.contains("'github'")).singleElement()
                .asString().contains("INBOUND_PROVIDER_GITHUB_SECRET");
        assertThat(startupWarnings).noneMatch(warning -> warning.contains("'shopify'"));
    }

    @Test
    void shouldCreateBothFifoQueuesWithTheRedrivePolicy() {
        Map<String, String> attributes = queue.queueAttributes();

        assertThat(attributes).containsEntry("FifoQueue", "true");
        assertThat(attributes.get("RedrivePolicy")).contains("webhook-events-dlq.fifo").containsPattern("\"maxReceiveCount\"\\s*:\\s*\"?10");
    }

    @Test
    void shouldReportHealthyWhenRoutesAndQueueRun() throws Exception {
        HttpResponse<String> health = client.get("/health");

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(health.body()).path("status").asText()).isEqualTo("UP");
    }
}
