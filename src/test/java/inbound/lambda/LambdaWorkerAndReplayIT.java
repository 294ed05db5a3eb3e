package inbound.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import inbound.embedded.EmbeddedSqsServer;
import inbound.queue.QueueSettings;
import inbound.queue.TraceHeader;
import inbound.testing.FreePort;
import inbound.testing.QueueReader;
import inbound.testing.TestPostgres;
import inbound.testing.lambda.LambdaFunctions;
import inbound.testing.lambda.LocalLambdaRuntime;
import inbound.testing.lambda.SqsFifoRecord;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.GetQueueUrlRequest;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/**
 * The worker and replay functions from the built zip, under AWS's runtime interface client, against a
 * real PostgreSQL and the embedded queue: SQS FIFO batches with ReportBatchItemFailures, and the
 * operator's replays — to the queue, and direct through the worker function via the Lambda Invoke API.
 */
class LambdaWorkerAndReplayIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** A value only the sample orders' payloads hold. */
    private static final String PAYLOAD_TOKEN = "b9b1ad133b064d639d6e5c84e9f23a0b";
    private static final QueueSettings QUEUES = new QueueSettings("webhook-events.fifo", "webhook-events-dlq.fifo", 5);

    @TempDir
    static Path workDir;

    private static EmbeddedSqsServer sqs;
    private static TestPostgres postgres;
    private static LambdaFunctions functions;
    private static LambdaFunctions.Function worker;
    private static LambdaFunctions.Function replay;
    private static int sqsPort;

    @BeforeAll
    static void startFunctions() throws Exception {
        sqsPort = FreePort.find();
        sqs = EmbeddedSqsServer.start("127.0.0.1", sqsPort, workDir.resolve("sqs"), QUEUES, Duration.ofSeconds(60));
        postgres = TestPostgres.start(workDir.resolve("postgres"));
        functions = new LambdaFunctions(workDir);
        Map<String, String> database = Map.of(
                "INBOUND_SQS_ENDPOINT", "http://127.0.0.1:" + sqsPort,
                // a row lock held by the test turns into a quick transient failure instead of a wait
                "INBOUND_DB_URL", postgres.jdbcUrl() + (postgres.jdbcUrl().contains("?") ? "&" : "?") + "options=-c%20lock_timeout%3D300",
                "INBOUND_DB_USER", postgres.user(),
                "INBOUND_WORKER_RETRIES", "1",
                "INBOUND_WORKER_RETRY_DELAY_MS", "50");
        worker = functions.start("inbound-worker", LambdaFunctions.WORKER, database);
        Map<String, String> replayEnvironment = new java.util.HashMap<>(database);
        replayEnvironment.put("INBOUND_LAMBDA_ENDPOINT", worker.runtime().invokeEndpoint());
        replayEnvironment.put("INBOUND_REPLAY_WORKER_FUNCTION", worker.name());
        replay = functions.start("inbound-replay", LambdaFunctions.REPLAY, replayEnvironment);
        // the first invocation waits out the start-up; the worker opens the database (and migrates it) on first use
        assertThat(worker.invoke(SqsFifoRecord.batch(SqsFifoRecord.shopify("shopify:warm-up", "orders/create", payload("orders-create.json"))))
                .path("batchItemFailures")).isEmpty();
    }

    @AfterAll
    static void stop() throws Exception {
        functions.close();
        postgres.close();
        sqs.close();
    }

    @Test
    void aTransientFailureIsReportedWithTheRestOfItsGroupWhileOtherGroupsAndDeadLettersAreHandled() throws Exception {
        String group = "shopify:batch-" + UUID.randomUUID();
        SqsFifoRecord first = SqsFifoRecord.shopify(group, "orders/create", payload("orders-create.json"));
        SqsFifoRecord locked = SqsFifoRecord.shopify(group, "orders/create", payload("orders-create.json"));
        SqsFifoRecord third = SqsFifoRecord.shopify(group, "orders/create", payload("orders-create.json"));
        SqsFifoRecord otherGroup = SqsFifoRecord.shopify("shopify:other-" + UUID.randomUUID(), "orders/create", payload("orders-create.json"));
        SqsFifoRecord invalid = SqsFifoRecord.shopify("shopify:invalid-" + UUID.randomUUID(), "orders/create", payload("orders-create-invalid.json"));

        int linesBefore = worker.metricLines().size();
        JsonNode response;
        try (Connection lockHolder = DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), postgres.password())) {
            lockHolder.setAutoCommit(false);
            holdProcessedRow(lockHolder, locked.eventId());
            response = worker.invoke(SqsFifoRecord.batch(first, locked, third, otherGroup, invalid));
            lockHolder.rollback();
        }

        List<String> reported = new ArrayList<>();
        response.path("batchItemFailures").forEach(failure -> reported.add(failure.path("itemIdentifier").asText()));
        assertThat(reported).containsExactly(locked.messageId(), third.messageId());
        assertThat(processed(first.eventId())).isTrue();
        assertThat(processed(otherGroup.eventId())).isTrue();
        assertThat(processed(third.eventId())).isFalse();
        try (QueueReader deadLetters = new QueueReader(sqsPort, QUEUES.deadLetterQueueName())) {
            List<Message> dead = deadLetters.drain();
            assertThat(dead).singleElement().satisfies(message -> {
                assertThat(QueueReader.attribute(message, "eventId")).isEqualTo(invalid.eventId());
                assertThat(QueueReader.attribute(message, "errorCode")).isEqualTo("schema_violation");
            });
        }
        // each record's outcome counted in the function's log, as Embedded Metric Format (checked against its rules)
        await().atMost(Duration.ofSeconds(10)).until(() -> worker.metricLines().size() - linesBefore >= 5);
        List<JsonNode> lines = worker.metricLines().subList(linesBefore, worker.metricLines().size());
        assertThat(outcomes(lines)).containsExactlyInAnyOrder("processed", "retried", "held_back", "processed", "dead_lettered");
        JsonNode processedLine = lines.stream().filter(line -> line.path("outcome").asText().equals("processed")).findFirst().orElseThrow();
        // the timings by provider alone, as MetricNames tags them: a directive of their own
        assertThat(processedLine.path("_aws").path("CloudWatchMetrics").findValuesAsText("Name"))
                .containsExactly("inbound_end_to_end_seconds", "inbound_worker_duration_seconds", "inbound_worker_events_total");
        assertThat(processedLine.path("_aws").path("CloudWatchMetrics").path(0).path("Dimensions").toString()).isEqualTo("[[\"provider\"]]");
        assertThat(processedLine.path("_aws").path("CloudWatchMetrics").path(1).path("Dimensions").toString()).isEqualTo("[[\"provider\",\"outcome\"]]");
        assertThat(processedLine.path("provider").asText()).isEqualTo("shopify");
        assertThat(processedLine.path("inbound_worker_events_total").asInt()).isEqualTo(1);
        assertThat(processedLine.path("inbound_worker_duration_seconds").asDouble()).isNotNegative();
        assertThat(processedLine.path("inbound_end_to_end_seconds").asDouble()).isNotNegative();
        JsonNode heldBack = lines.stream().filter(line -> line.path("outcome").asText().equals("held_back")).findFirst().orElseThrow();
        assertThat(heldBack.has("inbound_worker_duration_seconds")).as("a held-back record did not run").isFalse();
        assertThat(heldBack.path("_aws").path("CloudWatchMetrics")).hasSize(1);

        // each record's log lines, JSON, name it and carry the trace its message came with
        for (SqsFifoRecord record : List.of(first, locked, invalid)) {
            List<JsonNode> ofRecord = worker.logLines().stream().filter(line -> record.eventId().equals(line.path("eventId").asText(null))).toList();
            assertThat(ofRecord).as("lines of %s", record.eventId()).isNotEmpty().allSatisfy(line -> {
                assertThat(line.path("traceId").asText()).isEqualTo(record.traceId());
                assertThat(line.path("group").asText()).isEqualTo(record.group());
                assertThat(line.path("deliveryId").asText()).isEqualTo("delivery-" + record.eventId());
            });
        }
    }

    private static List<String> outcomes(List<JsonNode> metricLines) {
        return metricLines.stream().map(line -> line.path("outcome").asText()).toList();
    }

    @Test
    void aDatabaseThatDoesNotAnswerGetsTheWholeBatchReportedForRedeliveryNotAFailedInvocation() throws Exception {
        LambdaFunctions.Function cutOff = functions.start("inbound-worker-db-down", LambdaFunctions.WORKER, Map.of(
                "INBOUND_SQS_ENDPOINT", "http://127.0.0.1:" + sqsPort,
                "INBOUND_DB_URL", "jdbc:postgresql://127.0.0.1:" + FreePort.find() + "/inbound",
                "INBOUND_DB_USER", "inbound",
                "INBOUND_DB_CONNECT_TIMEOUT_MS", "500"));
        SqsFifoRecord first = SqsFifoRecord.shopify("shopify:down-a", "orders/create", payload("orders-create.json"));
        SqsFifoRecord second = SqsFifoRecord.shopify("shopify:down-b", "orders/create", payload("orders-create.json"));
        SqsFifoRecord third = SqsFifoRecord.shopify("shopify:down-c", "orders/create", payload("orders-create.json"));

        JsonNode response = cutOff.invoke(SqsFifoRecord.batch(first, second, third));

        List<String> reported = new ArrayList<>();
        response.path("batchItemFailures").forEach(failure -> reported.add(failure.path("itemIdentifier").asText()));
        assertThat(reported).containsExactly(first.messageId(), second.messageId(), third.messageId());
    }

    @Test
    void replaysMoveDeadLettersToTheQueueOrRunThemDirectlyThroughTheWorkerFunction() throws Exception {
        String fixable = deadLetter(payload("orders-create.json"));
        String stillInvalid = deadLetter(payload("orders-create-invalid.json"));
        int replayLinesBefore = replay.metricLines().size();
        int workerLinesBefore = worker.metricLines().size();

        JsonNode dryRun = replay.invoke("{\"ids\": [\"" + fixable + "\", \"" + stillInvalid + "\"], \"dryRun\": true}");
        assertThat(dryRun.path("matched").asInt()).isEqualTo(2);
        assertThat(dryRun.path("moved").asInt()).isZero();

        JsonNode failed = replay.invoke("{\"mode\": \"direct\", \"eventId\": \"" + stillInvalid + "\"}");
        assertThat(failed.path("outcome").asText()).isEqualTo("failed");
        assertThat(failed.path("errorCode").asText()).isEqualTo("schema_violation");

        JsonNode processedOutcome = replay.invoke("{\"mode\": \"direct\", \"eventId\": \"" + fixable + "\"}");
        assertThat(processedOutcome.path("outcome").asText()).as(processedOutcome.toString()).isEqualTo("processed");
        assertThat(processed(fixable)).isTrue();

        JsonNode moved = replay.invoke("{\"ids\": [\"" + stillInvalid + "\"]}");
        assertThat(moved.path("moved").asInt()).isEqualTo(1);
        try (QueueReader mainQueue = new QueueReader(sqsPort, QUEUES.queueName());
                QueueReader deadLetters = new QueueReader(sqsPort, QUEUES.deadLetterQueueName())) {
            assertThat(mainQueue.drain()).singleElement().satisfies(message -> {
                assertThat(QueueReader.attribute(message, "eventId")).isEqualTo(stillInvalid);
                assertThat(TraceHeader.ofSystemAttributes(message.attributesAsStrings())).get().extracting(TraceHeader::traceId)
                        .isEqualTo(traceIdOf(stillInvalid));
            });
            assertThat(deadLetters.drain()).isEmpty();
        }

        JsonNode refused = replay.invoke("{\"mode\": \"sideways\"}");
        assertThat(refused.path("error").asText()).isEqualTo("bad_request");

        // each replay's lines carry the dead letter's trace, in the replay function and in the worker function it ran in
        for (String eventId : List.of(fixable, stillInvalid)) {
            String traceId = traceIdOf(eventId);
            assertThat(replay.logLines().stream().filter(line -> eventId.equals(line.path("eventId").asText(null))))
                    .as("replay lines of %s", eventId).isNotEmpty().allSatisfy(line -> assertThat(line.path("traceId").asText()).isEqualTo(traceId));
            assertThat(worker.logLines().stream().filter(line -> eventId.equals(line.path("eventId").asText(null))))
                    .as("worker lines of %s", eventId).isNotEmpty().allSatisfy(line -> assertThat(line.path("traceId").asText()).isEqualTo(traceId));
        }
        // no payload in any line: the sample order's checkout token, its customer's address
        assertThat(replay.logText() + worker.logText()).doesNotContain(PAYLOAD_TOKEN, "jon@example.com");

        // each replay counted once in the replay function's log; the worker function counts only the one it processed
        await().atMost(Duration.ofSeconds(10)).until(() -> replay.metricLines().size() - replayLinesBefore >= 3);
        List<JsonNode> replays = replay.metricLines().subList(replayLinesBefore, replay.metricLines().size());
        assertThat(replays).extracting(line -> line.path("mode").asText() + "/" + line.path("outcome").asText())
                .containsExactly("direct/failed", "direct/processed", "queue/moved");
        assertThat(replays.get(0).path("_aws").path("CloudWatchMetrics").path(0).path("Dimensions").toString()).isEqualTo("[[\"mode\",\"outcome\"]]");
        assertThat(replays).allSatisfy(line -> assertThat(line.path("inbound_replays_total").asInt()).isEqualTo(1));
        assertThat(outcomes(worker.metricLines().subList(workerLinesBefore, worker.metricLines().size()))).containsExactly("processed");
    }

    @Test
    void aDirectReplayOfAnEventWithoutADeadLetterAnswersNotFound() throws Exception {
        LocalLambdaRuntime.Result answer = replay.invokeRaw(JSON.createObjectNode().put("mode", "direct").put("eventId", UUID.randomUUID().toString()));

        assertThat(answer.failed()).as(answer.payload()).isFalse();
        assertThat(answer.payload()).startsWith("{");
        assertThat(JSON.readTree(answer.payload()).path("error").asText()).isEqualTo("not_found");
    }

    /** The trace of the dead letter {@link #deadLetter} wrote for this event. */
    private static String traceIdOf(String eventId) {
        return "1-00000000-" + eventId.replace("-", "").substring(0, 24);
    }

    /** A dead letter as the worker writes one: the original body and attributes, in its message group, with its trace. */
    private static String deadLetter(String body) {
        String eventId = UUID.randomUUID().toString();
        try (SqsClient client = EmbeddedSqsServer.client(URI.create("http://127.0.0.1:" + sqsPort), Duration.ofSeconds(10))) {
            String url = client.getQueueUrl(GetQueueUrlRequest.builder().queueName(QUEUES.deadLetterQueueName()).build()).queueUrl();
            client.sendMessage(SendMessageRequest.builder().queueUrl(url).messageBody(body)
                    .messageGroupId("shopify:replay-" + eventId).messageDeduplicationId(eventId)
                    .messageSystemAttributesWithStrings(TraceHeader.parse("Root=" + traceIdOf(eventId)).orElseThrow().systemAttributes())
                    .messageAttributes(Map.of(
                            "provider", text("shopify"), "topic", text("orders/create"), "eventId", text(eventId),
                            "deliveryId", text("delivery-" + eventId), "receivedAt", text(Instant.now().toString()),
                            "errorCode", text("schema_violation")))
                    .build());
        }
        return eventId;
    }

    private static MessageAttributeValue text(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }

    private static void holdProcessedRow(Connection connection, String eventId) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO processed_events "
                + "(event_id, provider, topic, delivery_id, group_id, received_at, processed_at, payload) VALUES (?, 'shopify', 'orders/create', ?, 'held', ?, ?, '{}')")) {
            insert.setString(1, eventId);
            insert.setString(2, "delivery-" + eventId);
            insert.setTimestamp(3, Timestamp.from(Instant.now()));
            insert.setTimestamp(4, Timestamp.from(Instant.now()));
            insert.executeUpdate();
        }
    }

    private static boolean processed(String eventId) throws SQLException {
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), postgres.password());
                PreparedStatement query = connection.prepareStatement("SELECT count(*) FROM processed_events WHERE event_id = ?")) {
            query.setString(1, eventId);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1) == 1;
            }
        }
    }

    private static String payload(String name) throws IOException {
        try (InputStream in = LambdaWorkerAndReplayIT.class.getResourceAsStream("/payloads/shopify/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
