package inbound.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import inbound.support.Sha256;
import inbound.testing.FreePort;
import inbound.testing.InboundProcess;
import inbound.testing.ProcessedEvents;
import inbound.testing.S3Server;
import inbound.testing.StoredPayloads;
import inbound.testing.WebhookClient;
import inbound.testing.Webhooks;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The claim check with an S3 bucket (INBOUND_CLAIM_CHECK_BUCKET) of a real S3-compatible server on
 * loopback, as the run command starts the server: a 5 MiB signed GitHub push is in the bucket before its
 * 202, reaches the worker byte for byte, and its object goes once it is processed; a dead-lettered one's
 * stays, is shown by the operator API, and goes once a replay of it — queued again or direct — is processed.
 */
class ClaimCheckS3EndToEndTest {

    private static final String SECRET = "github-claim-check-s3";
    private static final String ADMIN_TOKEN = "operator-token-for-s3-claim-checks";
    private static final int FIVE_MIB = 5 * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path s3Root;
    private static S3Server s3;

    @TempDir
    Path dir;

    @BeforeAll
    static void startS3() {
        s3 = S3Server.start("inbound-claim-checks", s3Root);
    }

    @AfterAll
    static void stopS3() {
        s3.close();
    }

    private Map<String, String> environment(int sqsPort, boolean worker) {
        Map<String, String> environment = new HashMap<>(s3.inboundEnvironment());
        environment.put("INBOUND_SQS_PORT", String.valueOf(sqsPort));
        environment.put("INBOUND_DATA_DIR", dir.resolve("data").toString());
        environment.put("INBOUND_PROVIDER_GITHUB_SECRET", SECRET);
        environment.put("INBOUND_ADMIN_TOKEN", ADMIN_TOKEN);
        environment.put("INBOUND_MAX_BODY_BYTES", String.valueOf(2 * FIVE_MIB));
        environment.put("INBOUND_WORKER_ENABLED", String.valueOf(worker));
        return environment;
    }

    private static String post(WebhookClient client, byte[] body, String deliveryId) throws Exception {
        HttpResponse<String> response = client.post("github", body, Webhooks.github(body, SECRET, deliveryId, "push"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return JSON.readTree(response.body()).path("id").asText();
    }

    private static String status(WebhookClient client, String eventId) throws Exception {
        HttpResponse<String> response = client.operatorGet("/events/" + eventId, ADMIN_TOKEN);
        return response.statusCode() == 200 ? JSON.readTree(response.body()).path("status").asText() : "unknown";
    }

    /** The object a body is stored as: named by its event id and content hash. */
    private static String key(String eventId, byte[] body) {
        return eventId + "." + Sha256.hex(body);
    }

    /** A push of its own without the ref its schema requires: dead-lettered until the schemas are fixed. */
    private static byte[] largePushWithoutRef(String after) throws Exception {
        ObjectNode push = (ObjectNode) JSON.readTree(Webhooks.largePush(FIVE_MIB));
        push.remove("ref");
        push.put("after", after);
        return JSON.writeValueAsBytes(push);
    }

    @Test
    void shouldStoreALargeEventInTheBucketBeforeItsAcceptedAndRemoveItOnceProcessed() throws Exception {
        int httpPort = FreePort.find();
        int sqsPort = FreePort.find();
        byte[] body = Webhooks.largePush(FIVE_MIB);
        String eventId;

        try (InboundProcess first = InboundProcess.start(environment(sqsPort, false), httpPort, dir.resolve("first.log"))) {
            eventId = post(first.client(), body, "push-large");
            assertThat(s3.object(key(eventId, body))).as("stored before the 202").hasValueSatisfying(stored -> assertThat(stored).isEqualTo(body));
            assertThat(new StoredPayloads(dir.resolve("data")).files()).as("nothing under the data directory").isEmpty();
            assertThat(first.stop(Duration.ofSeconds(30))).isIn(0, 143);
        }

        try (InboundProcess second = InboundProcess.start(environment(sqsPort, true), httpPort, dir.resolve("second.log"))) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> "processed".equals(status(second.client(), eventId)));
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> s3.object(key(eventId, body)).isEmpty());
            // stopped, not killed: the database file is closed before the test opens it
            assertThat(second.stop(Duration.ofSeconds(30))).isIn(0, 143);
        }
        assertThat(body.length).isGreaterThan(FIVE_MIB);
        assertThat(ProcessedEvents.payloadsById(dir.resolve("data")).get(eventId)).isEqualTo(new String(body, StandardCharsets.UTF_8));
    }

    @Test
    void shouldKeepADeadLetteredEventsObjectUntilAReplayOfItIsProcessed() throws Exception {
        int httpPort = FreePort.find();
        int sqsPort = FreePort.find();
        byte[] queuedAgain = largePushWithoutRef("a".repeat(40));
        byte[] runAtOnce = largePushWithoutRef("b".repeat(40));
        String queuedAgainId;
        String runAtOnceId;

        try (InboundProcess first = InboundProcess.start(environment(sqsPort, true), httpPort, dir.resolve("first.log"))) {
            queuedAgainId = post(first.client(), queuedAgain, "push-replayed");
            runAtOnceId = post(first.client(), runAtOnce, "push-direct");
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() ->
                    "dead_lettered".equals(status(first.client(), queuedAgainId)) && "dead_lettered".equals(status(first.client(), runAtOnceId)));
            assertThat(first.stop(Duration.ofSeconds(30))).isIn(0, 143);
        }
        assertThat(s3.object(key(queuedAgainId, queuedAgain))).as("kept while dead-lettered").isPresent();
        assertThat(s3.object(key(runAtOnceId, runAtOnce))).as("kept while dead-lettered").isPresent();

        Path fixedSchemas = Files.createDirectories(dir.resolve("schemas").resolve("github"));
        Files.writeString(fixedSchemas.resolve("default.json"), "{\"type\": \"object\"}");
        // without its worker at first, so that the object is seen kept while its replay waits in the queue
        Map<String, String> fixed = environment(sqsPort, false);
        fixed.put("INBOUND_SCHEMAS_LOCATION", "file:" + dir.resolve("schemas"));
        try (InboundProcess second = InboundProcess.start(fixed, httpPort, dir.resolve("second.log"))) {
            WebhookClient client = second.client();
            JsonNode deadLetter = JSON.readTree(client.operatorGet("/dead-letters/" + queuedAgainId, ADMIN_TOKEN).body());
            assertThat(deadLetter.path("payload").asText()).isEqualTo(new String(queuedAgain, StandardCharsets.UTF_8));
            assertThat(deadLetter.path("payloadBytes").asInt()).isEqualTo(queuedAgain.length);

            HttpResponse<String> direct = client.operatorPost("/dead-letters/" + runAtOnceId + "/replay?mode=direct", "{}", ADMIN_TOKEN);
            assertThat(JSON.readTree(direct.body()).path("outcome").asText()).as(direct.body()).isEqualTo("processed");
            assertThat(s3.object(key(runAtOnceId, runAtOnce))).as("gone once its direct replay was processed").isEmpty();

            HttpResponse<String> replay = client.operatorPost("/dead-letters/replay", "{\"ids\": [\"" + queuedAgainId + "\"]}", ADMIN_TOKEN);
            assertThat(JSON.readTree(replay.body()).path("moved").asInt()).as(replay.body()).isEqualTo(1);
            assertThat(s3.object(key(queuedAgainId, queuedAgain))).as("kept while its replay is queued").isPresent();
            assertThat(second.stop(Duration.ofSeconds(30))).isIn(0, 143);
        }

        fixed.put("INBOUND_WORKER_ENABLED", "true");
        try (InboundProcess third = InboundProcess.start(fixed, httpPort, dir.resolve("third.log"))) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> "processed".equals(status(third.client(), queuedAgainId)));
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> s3.object(key(queuedAgainId, queuedAgain)).isEmpty());
            assertThat(third.stop(Duration.ofSeconds(30))).isIn(0, 143);
        }
        assertThat(ProcessedEvents.payloadsById(dir.resolve("data")))
                .containsEntry(queuedAgainId, new String(queuedAgain, StandardCharsets.UTF_8))
                .containsEntry(runAtOnceId, new String(runAtOnce, StandardCharsets.UTF_8));
    }
}
