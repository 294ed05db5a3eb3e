package inbound.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import inbound.embedded.EmbeddedSqsServer;
import inbound.queue.QueueSettings;
import inbound.testing.FreePort;
import inbound.testing.LocalSecretsManager;
import inbound.testing.QueueReader;
import inbound.testing.StallingProxy;
import inbound.testing.lambda.LambdaFunctions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every function from the built zip, under AWS's runtime client, primed in its constructor
 * ({@code INBOUND_PRIME_AT_INIT=true}, the same run a SnapStart checkpoint makes): priming reaches nothing
 * outside the function — no connection to the endpoint its SQS and Lambda clients are given, no request to
 * Secrets Manager, no database created — and the functions then handle their first real events as usual,
 * through the very endpoints priming left alone.
 */
class LambdaPrimingIT {

    private static final QueueSettings QUEUES = new QueueSettings("webhook-events.fifo", "webhook-events-dlq.fifo", 5);
    private static final String SHOPIFY_SECRET_ARN = "arn:aws:secretsmanager:us-east-1:000000000000:secret:inbound/shopify";
    private static final String DB_PASSWORD_ARN = "arn:aws:secretsmanager:us-east-1:000000000000:secret:inbound/db";
    private static final String ADMIN_TOKEN_ARN = "arn:aws:secretsmanager:us-east-1:000000000000:secret:inbound/admin";
    private static final Map<String, String> HANDLERS = Map.of(
            "authorizer", LambdaFunctions.AUTHORIZER, "ingest", LambdaFunctions.INGEST, "worker", LambdaFunctions.WORKER,
            "replay", LambdaFunctions.REPLAY, "console", LambdaFunctions.CONSOLE, "retention", LambdaFunctions.RETENTION);

    @TempDir
    static Path workDir;

    private static EmbeddedSqsServer sqs;
    private static StallingProxy sqsEndpoint;
    private static LocalSecretsManager secretsManager;
    private static QueueReader queue;
    private static LambdaFunctions functions;
    private static final Map<String, LambdaFunctions.Function> started = new LinkedHashMap<>();

    @BeforeAll
    static void startEveryFunctionPrimedAtInit() {
        int sqsPort = FreePort.find();
        sqs = EmbeddedSqsServer.start("127.0.0.1", sqsPort, workDir.resolve("sqs"), QUEUES, Duration.ofSeconds(60));
        sqsEndpoint = StallingProxy.to(sqsPort);
        queue = new QueueReader(sqsPort, QUEUES.queueName());
        secretsManager = LocalSecretsManager.start(Map.of(SHOPIFY_SECRET_ARN, "local-demo-secret", DB_PASSWORD_ARN, "priming-it",
                ADMIN_TOKEN_ARN, "priming-it-token"));
        functions = new LambdaFunctions(workDir);
        HANDLERS.forEach((name, handler) -> {
            Map<String, String> environment = new HashMap<>();
            environment.put("INBOUND_PRIME_AT_INIT", "true");
            environment.put("INBOUND_SQS_ENDPOINT", "http://127.0.0.1:" + sqsEndpoint.port());
            environment.put("INBOUND_LAMBDA_ENDPOINT", "http://127.0.0.1:" + sqsEndpoint.port());
            environment.put("INBOUND_REPLAY_WORKER_FUNCTION", "inbound-worker");
            environment.put("INBOUND_SECRETS_ENDPOINT", secretsManager.endpoint());
            environment.put("INBOUND_PROVIDER_SHOPIFY_SECRET_ARN", SHOPIFY_SECRET_ARN);
            environment.put("INBOUND_ADMIN_TOKEN_ARN", ADMIN_TOKEN_ARN);
            environment.put("INBOUND_DB_URL", "jdbc:h2:file:" + database(name) + "/inbound");
            environment.put("INBOUND_DB_USER", "inbound");
            environment.put("INBOUND_DB_PASSWORD_ARN", DB_PASSWORD_ARN);
            started.put(name, functions.start("inbound-" + name, handler, environment));
        });
    }

    private static Path database(String function) {
        return workDir.resolve("db-" + function).toAbsolutePath();
    }

    @AfterAll
    static void stop() throws Exception {
        functions.close();
        queue.close();
        sqsEndpoint.close();
        secretsManager.close();
        sqs.close();
    }

    @Test
    void primingReachesNothingOutsideAndTheFirstRealEventsStillGoThrough() throws Exception {
        for (Map.Entry<String, LambdaFunctions.Function> function : started.entrySet()) {
            await().atMost(Duration.ofMinutes(3)).until(() -> function.getValue().logText().contains("Function " + function.getKey() + " primed in"));
            assertThat(function.getValue().logText()).doesNotContain("could not prime");
        }
        assertThat(sqsEndpoint.connections()).as("connections to the SQS and Lambda endpoint while priming").isZero();
        assertThat(secretsManager.requests()).as("requests to Secrets Manager while priming").isZero();
        assertThat(queue.drain()).as("messages queued while priming").isEmpty();
        for (String function : HANDLERS.keySet()) {
            assertThat(database(function)).as("the database of " + function).doesNotExist();
        }

        JsonNode accepted = started.get("ingest").invoke(LambdaFunctions.sampleEvent("ingest-shopify.json"));
        assertThat(accepted.path("statusCode").asInt()).isEqualTo(202);
        assertThat(queue.drain()).hasSize(1);
        assertThat(sqsEndpoint.connections()).isPositive();
        assertThat(secretsManager.requests()).isPositive();

        JsonNode processed = started.get("worker").invoke(LambdaFunctions.sampleEvent("worker-sqs-fifo.json"));
        assertThat(processed.path("batchItemFailures")).isEmpty();
        assertThat(Files.exists(database("worker"))).isTrue();
    }
}
