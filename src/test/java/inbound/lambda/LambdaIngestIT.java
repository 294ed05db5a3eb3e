package inbound.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import inbound.embedded.EmbeddedSqsServer;
import inbound.queue.QueueSettings;
import inbound.queue.TraceHeader;
import inbound.testing.FreePort;
import inbound.testing.MisansweringSqs;
import inbound.testing.QueueReader;
import inbound.testing.Webhooks;
import inbound.testing.lambda.LambdaFunctions;
import inbound.testing.lambda.LocalLambdaRuntime;
import inbound.testing.lambda.WebhookProxyEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The ingest function from the built zip, under AWS's runtime interface client, fed API Gateway proxy
 * events: the same answers as the server shape, and the queue (embedded ElasticMQ) holds exactly the
 * accepted events.
 */
class LambdaIngestIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final QueueSettings QUEUES = new QueueSettings("webhook-events.fifo", "webhook-events-dlq.fifo", 5);

    @TempDir
    static Path workDir;

    private static EmbeddedSqsServer sqs;
    private static LambdaFunctions functions;
    private static LambdaFunctions.Function ingest;
    private static QueueReader queue;

    @BeforeAll
    static void startIngestFunction() {
        int sqsPort = FreePort.find();
        sqs = EmbeddedSqsServer.start("127.0.0.1", sqsPort, workDir.resolve("sqs"), QUEUES, Duration.ofSeconds(60));
        queue = new QueueReader(sqsPort, QUEUES.queueName());
        functions = new LambdaFunctions(workDir);
        ingest = functions.start("inbound-ingest", LambdaFunctions.INGEST, Map.of(
                "INBOUND_SQS_ENDPOINT", "http://127.0.0.1:" + sqsPort,
                "INBOUND_PROVIDER_SHOPIFY_SECRET", "local-demo-secret",
                "INBOUND_PROVIDER_GITHUB_SECRET", "github-test-secret",
                "INBOUND_MAX_BODY_BYTES", "4096"));
    }

    @AfterAll
    static void stop() throws Exception {
        functions.close();
        queue.close();
        sqs.close();
    }

    @BeforeEach
    void emptyQueue() {
        queue.drain();
    }

    @Test
    void theSampleEventIsQueuedAndAnswered202() throws Exception {
        ObjectNode event = (ObjectNode) LambdaFunctions.sampleEvent("ingest-shopify.json");

        JsonNode response = ingest.invoke(event);

        assertThat(response.path("statusCode").asInt()).isEqualTo(202);
        String eventId = JSON.readTree(response.path("body").asText()).path("id").asText();
        List<Message> queued = queue.drain();
        assertThat(queued).hasSize(1);
        assertThat(queued.get(0).body()).isEqualTo(event.path("body").asText());
        assertThat(QueueReader.attribute(queued.get(0), "eventId")).isEqualTo(eventId);
        assertThat(QueueReader.attribute(queued.get(0), "topic")).isEqualTo("orders/create");
        assertThat(queued.get(0).attributes().get(software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName.MESSAGE_GROUP_ID))
                .isEqualTo("shopify:inbound-demo.myshopify.com");
    }

    @Test
    void eachAnswerIsCountedAsAnEmbeddedMetricFormatLineInTheLog() throws Exception {
        ObjectNode tampered = (ObjectNode) LambdaFunctions.sampleEvent("ingest-shopify.json");
        tampered.put("body", tampered.path("body").asText().replace("199.00", "998.00"));

        assertThat(ingest.invoke(tampered).path("statusCode").asInt()).isEqualTo(401);

        JsonNode line = await().atMost(Duration.ofSeconds(10)).until(() -> ingest.metricLines().stream()
                .filter(metric -> metric.path("reason").asText().equals("invalid_signature")).findFirst(), Optional::isPresent).get();
        JsonNode directives = line.path("_aws").path("CloudWatchMetrics");
        assertThat(directives.findValuesAsText("Namespace")).containsOnly("Inbound");
        assertThat(directives.path(0).path("Metrics").findValuesAsText("Name")).containsExactly("inbound_ingest_duration_seconds");
        assertThat(directives.path(0).path("Dimensions").toString()).isEqualTo("[[\"provider\"]]");
        assertThat(directives.path(1).path("Metrics").findValuesAsText("Name")).containsExactly("inbound_ingest_requests_total");
        assertThat(directives.path(1).path("Dimensions").toString()).isEqualTo("[[\"provider\",\"status\",\"reason\"]]");
        assertThat(line.path("provider").asText()).isEqualTo("shopify");
        assertThat(line.path("status").asText()).isEqualTo("401");
        assertThat(line.path("inbound_ingest_requests_total").asInt()).isEqualTo(1);
        assertThat(line.path("inbound_ingest_duration_seconds").asDouble()).isPositive();
        assertThat(line.path("_aws").path("Timestamp").asLong()).isPositive();
    }

    @Test
    void eachSendToTheQueueIsCountedWithTheEventsItCarried() throws Exception {
        int linesBefore = ingest.metricLines().size();

        assertThat(ingest.invoke(LambdaFunctions.sampleEvent("ingest-shopify.json")).path("statusCode").asInt()).isEqualTo(202);

        await().atMost(Duration.ofSeconds(10)).until(() -> ingest.metricLines().subList(linesBefore, ingest.metricLines().size()).stream()
                .anyMatch(line -> line.has("inbound_ingest_requests_total")));
        List<JsonNode> sends = ingest.metricLines().subList(linesBefore, ingest.metricLines().size()).stream()
                .filter(line -> line.has("inbound_queue_send_batch_size")).toList();
        // one request at a time in a container: nothing to share a send with
        assertThat(sends).singleElement().satisfies(send -> {
            assertThat(send.path("inbound_queue_send_batch_size").asInt()).isEqualTo(1);
            assertThat(send.path("_aws").path("CloudWatchMetrics").path(0).path("Dimensions").toString()).isEqualTo("[[]]");
        });
    }

    @Test
    void itsLogIsOneJsonObjectPerLineAndTheQueuedEventContinuesTheInvocationsTrace() throws Exception {
        String marker = UUID.randomUUID().toString();
        byte[] body = ("{\"zen\":\"" + marker + "\",\"hook_id\":2,\"repository\":{\"full_name\":\"octo/traced\"}}").getBytes(StandardCharsets.UTF_8);
        String deliveryId = UUID.randomUUID().toString();

        LocalLambdaRuntime.Result answer = ingest.invokeRaw(WebhookProxyEvent.of("github", Webhooks.github(body, "github-test-secret", deliveryId, "ping"),
                new String(body, StandardCharsets.UTF_8), false));

        assertThat(answer.failed()).as(answer.payload()).isFalse();
        String eventId = JSON.readTree(JSON.readTree(answer.payload()).path("body").asText()).path("id").asText();
        String traceId = TraceHeader.parse(answer.traceHeader()).orElseThrow().traceId();
        Message queued = queue.drain().get(0);
        assertThat(TraceHeader.ofSystemAttributes(queued.attributesAsStrings())).get().satisfies(trace -> {
            assertThat(trace.traceId()).isEqualTo(traceId);
            assertThat(trace.header()).as("the function's own segment is the parent").isEqualTo(answer.traceHeader());
        });
        JsonNode accepted = await().atMost(Duration.ofSeconds(10)).until(() -> ingest.logLines().stream()
                .filter(line -> eventId.equals(line.path("eventId").asText(null))).findFirst(), Optional::isPresent).get();
        assertThat(accepted.path("traceId").asText()).isEqualTo(traceId);
        assertThat(accepted.path("provider").asText()).isEqualTo("github");
        assertThat(accepted.path("deliveryId").asText()).isEqualTo(deliveryId);
        assertThat(accepted.path("group").asText()).isEqualTo("github:octo/traced");
        assertThat(accepted.path("level").asText()).isEqualTo("INFO");
        assertThat(ingest.logText()).doesNotContain(marker, "github-test-secret", "local-demo-secret");
    }

    @Test
    void aBase64EncodedBodyIsDecodedBeforeTheSignatureIsChecked() throws Exception {
        byte[] body = "{\"zen\":\"Keep it logically awesome.\",\"hook_id\":1,\"repository\":{\"full_name\":\"octo/hello\"}}"
                .getBytes(StandardCharsets.UTF_8);
        ObjectNode event = WebhookProxyEvent.of("github", Webhooks.github(body, "github-test-secret", UUID.randomUUID().toString(), "ping"),
                Base64.getEncoder().encodeToString(body), true);

        JsonNode response = ingest.invoke(event);

        assertThat(response.path("statusCode").asInt()).isEqualTo(202);
        assertThat(queue.drain()).singleElement().satisfies(message -> assertThat(message.body()).isEqualTo(new String(body, StandardCharsets.UTF_8)));
    }

    @Test
    void refusalsAnswerAsTheServerDoesAndQueueNothing() throws Exception {
        ObjectNode sample = (ObjectNode) LambdaFunctions.sampleEvent("ingest-shopify.json");

        ObjectNode tampered = sample.deepCopy();
        tampered.put("body", sample.path("body").asText().replace("199.00", "999.00"));
        assertAnswer(tampered, 401, "invalid_signature");

        ObjectNode unknown = sample.deepCopy();
        ((ObjectNode) unknown.path("pathParameters")).put("provider", "nobody");
        assertAnswer(unknown, 404, "unknown_provider");

        byte[] large = ("{\"padding\":\"" + "x".repeat(5000) + "\"}").getBytes(StandardCharsets.UTF_8);
        assertAnswer(WebhookProxyEvent.of("github", Webhooks.github(large, "github-test-secret", "d-large", "ping"), new String(large, StandardCharsets.UTF_8), false),
                413, "body_too_large");

        byte[] notJson = "this is not json".getBytes(StandardCharsets.UTF_8);
        assertAnswer(WebhookProxyEvent.of("github", Webhooks.github(notJson, "github-test-secret", "d-text", "ping"), "this is not json", false),
                400, "malformed_body");

        // API Gateway encodes a binary body itself; a direct invocation may mark any text as base64
        assertAnswer(WebhookProxyEvent.of("github", Webhooks.github(notJson, "github-test-secret", "d-not-base64", "ping"), "this is not base64!", true),
                400, "malformed_body");

        assertThat(queue.drain()).isEmpty();
    }

    @Test
    void aQueueThatDoesNotConfirmGets503WithRetryAfter() throws Exception {
        LambdaFunctions.Function cutOff = functions.start("inbound-ingest-queue-down", LambdaFunctions.INGEST, Map.of(
                "INBOUND_SQS_ENDPOINT", "http://127.0.0.1:" + FreePort.find(),
                "INBOUND_SQS_CALL_TIMEOUT_MS", "1000",
                "INBOUND_PROVIDER_SHOPIFY_SECRET", "local-demo-secret"));

        JsonNode response = cutOff.invoke(LambdaFunctions.sampleEvent("ingest-shopify.json"));

        assertThat(response.path("statusCode").asInt()).isEqualTo(503);
        assertThat(response.path("headers").path("Retry-After").asText()).isEqualTo("5");
        assertThat(JSON.readTree(response.path("body").asText()).path("error").asText()).isEqualTo("queue_unavailable");
    }

    @Test
    void aQueueAnswerTheRouteCannotHandleGets500InternalAsJsonAndIsCounted() throws Exception {
        try (MisansweringSqs misanswering = MisansweringSqs.start()) {
            LambdaFunctions.Function confused = functions.start("inbound-ingest-queue-misanswers", LambdaFunctions.INGEST, Map.of(
                    "INBOUND_SQS_ENDPOINT", misanswering.endpoint(),
                    "INBOUND_PROVIDER_SHOPIFY_SECRET", "local-demo-secret"));
            JsonNode event = LambdaFunctions.sampleEvent("ingest-shopify.json");

            JsonNode response = confused.invoke(event);

            assertThat(response.path("statusCode").asInt()).as(response.toString()).isEqualTo(500);
            assertThat(response.path("headers").path("Content-Type").asText()).startsWith("application/json");
            String body = response.path("body").asText();
            assertThat(JSON.readTree(body).path("error").asText()).isEqualTo("internal");
            assertThat(JSON.readTree(body).path("message").asText()).isNotBlank();
            assertThat(JSON.readTree(body).has("id")).isFalse();
            assertThat(body).doesNotContain("Exception", "\tat ");
            JsonNode line = await().atMost(Duration.ofSeconds(10)).until(() -> confused.metricLines().stream()
                    .filter(metric -> metric.has("inbound_ingest_requests_total")).findFirst(), Optional::isPresent).get();
            assertThat(line.path("provider").asText()).isEqualTo("shopify");
            assertThat(line.path("status").asText()).isEqualTo("500");
            assertThat(line.path("reason").asText()).isEqualTo("internal");
            assertThat(line.path("inbound_ingest_requests_total").asInt()).isEqualTo(1);
            String email = JSON.readTree(event.path("body").asText()).path("email").asText();
            assertThat(confused.logText()).doesNotContain(email, "local-demo-secret");
        }
    }

    private static void assertAnswer(ObjectNode event, int status, String error) throws Exception {
        JsonNode response = ingest.invoke(event);
        assertThat(response.path("statusCode").asInt()).as(response.toString()).isEqualTo(status);
        assertThat(JSON.readTree(response.path("body").asText()).path("error").asText()).isEqualTo(error);
    }
}
