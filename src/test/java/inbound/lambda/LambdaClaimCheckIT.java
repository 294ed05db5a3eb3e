package inbound.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import inbound.claimcheck.PayloadPointer;
import inbound.embedded.EmbeddedSqsServer;
import inbound.queue.EventAttributes;
import inbound.queue.QueueSettings;
import inbound.support.Sha256;
import inbound.testing.FreePort;
import inbound.testing.QueueReader;
import inbound.testing.S3Server;
import inbound.testing.ShippedSchemas;
import inbound.testing.TestPostgres;
import inbound.testing.WebhookClient;
import inbound.testing.Webhooks;
import inbound.testing.lambda.LambdaFunctions;
import inbound.testing.lambda.LocalApiGateway;
import inbound.testing.lambda.SqsFifoRecord;
import inbound.testing.lambda.WebhookProxyEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
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
 * The claim check in the Lambda shape, from the built zip under AWS's runtime interface client, with its
 * bucket on a real S3-compatible server on loopback (INBOUND_CLAIM_CHECK_BUCKET, as the Terraform module
 * sets it): the ingest function takes a body of the largest size the API Gateway → Lambda path carries,
 * base64-encoded, and stores it in the bucket before its 202; the worker function reads it back byte for
 * byte and removes it; a dead-lettered event keeps it, the console function shows it, and the replay
 * function's replays — direct through the worker function, and to the queue — resolve it and remove it
 * once processed.
 */
class LambdaClaimCheckIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final QueueSettings QUEUES = new QueueSettings("webhook-events.fifo", "webhook-events-dlq.fifo", 5);
    private static final String SECRET = "github-claim-check-lambda";
    private static final String TOKEN = "operator-token-for-lambda-claim-checks";
    /** lambda.properties' inbound.max-body-bytes: the ingest function's default. */
    private static final int LARGEST_BODY = 4_669_440;
    /** Lambda refuses a synchronous invocation of this many bytes or more. */
    private static final int LAMBDA_REQUEST_LIMIT = 6_291_456;
    /** Lambda refuses a function's answer larger than this. */
    private static final int LAMBDA_RESPONSE_LIMIT = 6_291_556;

    @TempDir
    static Path workDir;

    private static EmbeddedSqsServer sqs;
    private static TestPostgres postgres;
    private static S3Server s3;
    private static Path schemas;
    private static LambdaFunctions functions;
    private static LambdaFunctions.Function ingest;
    private static LambdaFunctions.Function worker;
    private static LambdaFunctions.Function replay;
    private static LocalApiGateway consoleApi;
    private static QueueReader queue;
    private static int sqsPort;

    @BeforeAll
    static void startFunctions() throws Exception {
        sqsPort = FreePort.find();
        sqs = EmbeddedSqsServer.start("127.0.0.1", sqsPort, workDir.resolve("sqs"), QUEUES, Duration.ofSeconds(60));
        queue = new QueueReader(sqsPort, QUEUES.queueName());
        postgres = TestPostgres.start(workDir.resolve("postgres"));
        s3 = S3Server.start("inbound-lambda-payloads", workDir.resolve("s3"));
        schemas = workDir.resolve("schemas");
        ShippedSchemas.copyTo(schemas);
        functions = new LambdaFunctions(workDir);
        Map<String, String> shared = new HashMap<>(s3.inboundEnvironment());
        shared.put("INBOUND_SQS_ENDPOINT", "http://127.0.0.1:" + sqsPort);
        shared.put("INBOUND_DB_URL", postgres.jdbcUrl());
        shared.put("INBOUND_DB_USER", postgres.user());
        shared.put("INBOUND_SCHEMAS_LOCATION", "file:" + schemas);
        Map<String, String> ingestEnvironment = new HashMap<>(shared);
        ingestEnvironment.put("INBOUND_PROVIDER_GITHUB_SECRET", SECRET);
        ingest = functions.start("inbound-ingest", LambdaFunctions.INGEST, ingestEnvironment);
        worker = functions.start("inbound-worker", LambdaFunctions.WORKER, shared);
        Map<String, String> operatorEnvironment = new HashMap<>(shared);
        operatorEnvironment.put("INBOUND_LAMBDA_ENDPOINT", worker.runtime().invokeEndpoint());
        operatorEnvironment.put("INBOUND_REPLAY_WORKER_FUNCTION", worker.name());
        replay = functions.start("inbound-replay", LambdaFunctions.REPLAY, operatorEnvironment);
        operatorEnvironment.put("INBOUND_ADMIN_TOKEN", TOKEN);
        consoleApi = LocalApiGateway.start("live", functions.start("inbound-console", LambdaFunctions.CONSOLE, operatorEnvironment));
    }

    @AfterAll
    static void stop() throws Exception {
        consoleApi.close();
        functions.close();
        s3.close();
        postgres.close();
        queue.close();
        sqs.close();
    }

    @BeforeEach
    void emptyQueue() {
        queue.drain();
    }

    @Test
    void theLargestBodyArrivesBase64InAnEventLambdaTakesIsInTheBucketBeforeThe202AndTheWorkerProcessesItByteForByte() throws Exception {
        byte[] body = pushOfExactly(LARGEST_BODY, "largest");
        ObjectNode event = signedBase64Event(body);
        assertThat(JSON.writeValueAsBytes(event).length).as("the event of the largest body, GitHub's headers and all").isLessThan(LAMBDA_REQUEST_LIMIT);

        String eventId = accepted(event);

        Message queued = queue.drain().get(0);
        PayloadPointer pointer = pointer(queued);
        assertThat(pointer).isEqualTo(new PayloadPointer(s3.bucket(), eventId + "." + Sha256.hex(body)));
        assertThat(s3.object(pointer.key())).as("stored before the 202").hasValueSatisfying(stored -> assertThat(stored).isEqualTo(body));

        assertThat(worker.invoke(SqsFifoRecord.batchOf(List.of(queued))).path("batchItemFailures")).isEmpty();
        assertThat(processedPayload(eventId)).contains(new String(body, StandardCharsets.UTF_8));
        assertThat(s3.object(pointer.key())).as("removed once processed").isEmpty();
    }

    @Test
    void aBodyOneByteOverTheLargestIsRefused413AndNothingIsStored() throws Exception {
        byte[] body = pushOfExactly(LARGEST_BODY + 1, "too-large");
        List<String> keysBefore = s3.keys();

        JsonNode response = ingest.invoke(signedBase64Event(body));

        assertThat(response.path("statusCode").asInt()).as(response.toString()).isEqualTo(413);
        assertThat(JSON.readTree(response.path("body").asText()).path("error").asText()).isEqualTo("body_too_large");
        assertThat(queue.drain()).isEmpty();
        assertThat(s3.keys()).isEqualTo(keysBefore);
    }

    @Test
    void aDeadLetteredEventKeepsItsObjectWhichTheConsoleShowsAndEachReplayResolvesAndRemovesOnceProcessed() throws Exception {
        // pushes without the ref their schema requires, each too large for a message: dead-lettered until the schema is fixed
        byte[] runAtOnce = withoutRef(pushOfExactly(2 * 1024 * 1024, "direct"));
        byte[] queuedAgain = withoutRef(pushOfExactly(LARGEST_BODY, "queued"));
        String runAtOnceId = accepted(signedBase64Event(runAtOnce));
        String queuedAgainId = accepted(signedBase64Event(queuedAgain));
        List<Message> queued = queue.drain();
        assertThat(worker.invoke(SqsFifoRecord.batchOf(queued)).path("batchItemFailures")).as("dead-lettered, not retried").isEmpty();
        String runAtOnceKey = pointer(queued.get(0)).key();
        String queuedAgainKey = pointer(queued.get(1)).key();
        assertThat(s3.object(runAtOnceKey)).as("kept while dead-lettered").isPresent();
        assertThat(s3.object(queuedAgainKey)).as("kept while dead-lettered").isPresent();

        WebhookClient console = new WebhookClient(consoleApi.url());
        String shown = console.operatorGet("/dead-letters/" + queuedAgainId, TOKEN).body();
        JsonNode deadLetter = JSON.readTree(shown);
        assertThat(deadLetter.path("payload").asText()).isEqualTo(new String(queuedAgain, StandardCharsets.UTF_8));
        assertThat(deadLetter.path("payloadBytes").asInt()).isEqualTo(queuedAgain.length);
        // the console function's answer carries that JSON as a string, escaped once more: a push of the largest size still fits
        assertThat(JSON.writeValueAsBytes(Map.of("statusCode", 200, "headers", Map.of("Content-Type", "application/json"), "body", shown)).length)
                .isLessThan(LAMBDA_RESPONSE_LIMIT);

        Files.writeString(schemas.resolve("github").resolve("push.json"), "{\"type\": \"object\"}");
        JsonNode direct = replay.invoke("{\"mode\": \"direct\", \"eventId\": \"" + runAtOnceId + "\"}");
        assertThat(direct.path("outcome").asText()).as(direct.toString()).isEqualTo("processed");
        assertThat(processedPayload(runAtOnceId)).contains(new String(runAtOnce, StandardCharsets.UTF_8));
        assertThat(s3.object(runAtOnceKey)).as("removed once its direct replay was processed").isEmpty();

        JsonNode moved = replay.invoke("{\"ids\": [\"" + queuedAgainId + "\"]}");
        assertThat(moved.path("moved").asInt()).as(moved.toString()).isEqualTo(1);
        assertThat(s3.object(queuedAgainKey)).as("kept while its replay is queued").isPresent();
        List<Message> replayed = queue.drain();
        assertThat(pointer(replayed.get(0)).key()).as("the replay keeps the pointer").isEqualTo(queuedAgainKey);
        assertThat(worker.invoke(SqsFifoRecord.batchOf(replayed)).path("batchItemFailures")).isEmpty();
        assertThat(processedPayload(queuedAgainId)).contains(new String(queuedAgain, StandardCharsets.UTF_8));
        assertThat(s3.object(queuedAgainKey)).as("removed once its replay was processed").isEmpty();
    }

    /** A push of its own of exactly {@code bytes} bytes, padded with a field. */
    private static byte[] pushOfExactly(int bytes, String name) throws Exception {
        ObjectNode push = (ObjectNode) JSON.readTree(Webhooks.largePush(bytes - 64 * 1024));
        push.put("after", Sha256.hex(Webhooks.utf8(name + UUID.randomUUID())).substring(0, 40));
        push.put("padding", "");
        int unpadded = JSON.writeValueAsBytes(push).length;
        push.put("padding", "x".repeat(bytes - unpadded));
        byte[] body = JSON.writeValueAsBytes(push);
        assertThat(body).hasSize(bytes);
        return body;
    }

    private static byte[] withoutRef(byte[] push) throws Exception {
        ObjectNode json = (ObjectNode) JSON.readTree(push);
        json.remove("ref");
        return JSON.writeValueAsBytes(json);
    }

    /** GitHub's push as API Gateway hands it over: signed, its body base64-encoded. */
    private static ObjectNode signedBase64Event(byte[] body) {
        return WebhookProxyEvent.of("github", Webhooks.github(body, SECRET, UUID.randomUUID().toString(), "push"),
                Base64.getEncoder().encodeToString(body), true);
    }

    private static String accepted(ObjectNode event) throws Exception {
        JsonNode response = ingest.invoke(event);
        assertThat(response.path("statusCode").asInt()).as(response.toString()).isEqualTo(202);
        return JSON.readTree(response.path("body").asText()).path("id").asText();
    }

    private static PayloadPointer pointer(Message message) {
        return PayloadPointer.inMessage(message.body(), QueueReader.attribute(message, PayloadPointer.SIZE_ATTRIBUTE))
                .orElseThrow(() -> new AssertionError("event " + QueueReader.attribute(message, EventAttributes.EVENT_ID) + " was queued without a pointer"));
    }

    private static Optional<String> processedPayload(String eventId) throws SQLException {
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), postgres.password());
                PreparedStatement query = connection.prepareStatement("SELECT payload FROM processed_events WHERE event_id = ?")) {
            query.setString(1, eventId);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
            }
        }
    }
}
