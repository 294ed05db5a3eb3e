package inbound.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import inbound.embedded.EmbeddedSqsServer;
import inbound.queue.QueueSettings;
import inbound.testing.ConsoleBrowser;
import inbound.testing.ConsoleFiles;
import inbound.testing.FreePort;
import inbound.testing.LocalSecretsManager;
import inbound.testing.QueueReader;
import inbound.testing.ShippedSchemas;
import inbound.testing.TestPostgres;
import inbound.testing.WebhookClient;
import inbound.testing.Webhooks;
import inbound.testing.lambda.LambdaFunctions;
import inbound.testing.lambda.LocalApiGateway;
import inbound.testing.lambda.SqsFifoRecord;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The console function from the built zip, under AWS's runtime interface client, against a real PostgreSQL and
 * the embedded queue, its admin token in a (loopback) Secrets Manager, reached over HTTP through a loopback
 * stand-in for the API Gateway stage ({@link LocalApiGateway}), with the worker function behind it for "try
 * now": first by an HTTP client, then by a headless chromium. The console's files under the stage's path, a
 * wrong token refused, the events and the dead letters with their reasons, the overview counted from the
 * database's history, replays to the queue and through the worker function.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LambdaConsoleIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final QueueSettings QUEUES = new QueueSettings("webhook-events.fifo", "webhook-events-dlq.fifo", 5);
    private static final String TOKEN = "lambda-console-token";
    private static final String TOKEN_ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:inbound/console/admin-token-AbCdEf";
    private static final String DASHBOARD = "inbound-inbound";
    private static final Path SCREENSHOTS = Path.of("tests", "target", "console", "lambda");

    @TempDir
    static Path workDir;

    private static EmbeddedSqsServer sqs;
    private static TestPostgres postgres;
    private static LocalSecretsManager secretsManager;
    private static LambdaFunctions functions;
    private static LambdaFunctions.Function console;
    private static LocalApiGateway gateway;
    private static WebhookClient http;
    private static Path schemas;
    private static int sqsPort;
    private static SqsFifoRecord processed;
    private static SqsFifoRecord toTheQueue;
    private static SqsFifoRecord tryNow;
    private static SqsFifoRecord tryInTheBrowser;

    @BeforeAll
    static void startFunctions() throws Exception {
        sqsPort = FreePort.find();
        sqs = EmbeddedSqsServer.start("127.0.0.1", sqsPort, workDir.resolve("sqs"), QUEUES, Duration.ofSeconds(60));
        postgres = TestPostgres.start(workDir.resolve("postgres"));
        secretsManager = LocalSecretsManager.start(Map.of(TOKEN_ARN, TOKEN));
        schemas = workDir.resolve("schemas");
        ShippedSchemas.copyTo(schemas);
        functions = new LambdaFunctions(workDir);
        Map<String, String> shared = Map.of(
                "INBOUND_SQS_ENDPOINT", "http://127.0.0.1:" + sqsPort,
                "INBOUND_DB_URL", postgres.jdbcUrl(),
                "INBOUND_DB_USER", postgres.user(),
                "INBOUND_SCHEMAS_LOCATION", "file:" + schemas);
        LambdaFunctions.Function worker = functions.start("inbound-worker", LambdaFunctions.WORKER, shared);
        Map<String, String> consoleEnvironment = new HashMap<>(shared);
        consoleEnvironment.put("INBOUND_ADMIN_TOKEN_ARN", TOKEN_ARN);
        consoleEnvironment.put("INBOUND_SECRETS_ENDPOINT", secretsManager.endpoint());
        consoleEnvironment.put("INBOUND_LAMBDA_ENDPOINT", worker.runtime().invokeEndpoint());
        consoleEnvironment.put("INBOUND_REPLAY_WORKER_FUNCTION", worker.name());
        consoleEnvironment.put("INBOUND_CONSOLE_DASHBOARD", DASHBOARD);
        console = functions.start("inbound-console", LambdaFunctions.CONSOLE, consoleEnvironment);
        gateway = LocalApiGateway.start("live", console);
        http = new WebhookClient(gateway.url());

        processed = SqsFifoRecord.shopify("shopify:console-good", "orders/create", Webhooks.payload("shopify/orders-create.json"));
        toTheQueue = invalidOrder("to-the-queue");
        tryNow = invalidOrder("try-now");
        tryInTheBrowser = invalidOrder("browser");
        JsonNode handled = worker.invoke(SqsFifoRecord.batch(processed, toTheQueue, tryNow, tryInTheBrowser));
        assertThat(handled.path("batchItemFailures")).as("the invalid orders are dead-lettered, not retried").isEmpty();
    }

    private static SqsFifoRecord invalidOrder(String name) {
        return SqsFifoRecord.shopify("shopify:console-" + name, "orders/create", Webhooks.payload("shopify/orders-create-invalid.json"));
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
        functions.close();
        secretsManager.close();
        postgres.close();
        sqs.close();
    }

    private static HttpResponse<String> get(String path) {
        return http.operatorGet(path, TOKEN);
    }

    private static JsonNode json(HttpResponse<String> answer) throws Exception {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }

    @Test
    @Order(1)
    void readsTheTokenFromSecretsManagerOnFirstUseAndRefusesAWrongOne() throws Exception {
        // started: the handler exists, and has read no secret yet (a SnapStart snapshot would hold none)
        await().atMost(Duration.ofSeconds(90)).until(() -> Files.readString(console.log()).contains("Function console ready"));
        assertThat(secretsManager.requests()).isZero();

        HttpResponse<String> wrong = http.operatorGet("/events?size=1", "not-the-token");
        HttpResponse<String> none = http.get("/events?size=1");
        HttpResponse<String> right = get("/events?size=1");

        for (HttpResponse<String> refused : List.of(wrong, none)) {
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(JSON.readTree(refused.body()).path("error").asText()).isEqualTo("unauthorized");
            assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/json");
        }
        assertThat(right.statusCode()).as(right.body()).isEqualTo(200);
        assertThat(right.headers().firstValue("Authorization")).as("nothing of the request is echoed").isEmpty();
        assertThat(secretsManager.requests()).as("read once, then kept").isEqualTo(1);
    }

    @Test
    @Order(2)
    void servesTheConsoleUnderTheStageWithTheHeadersOfTheServerShape() throws Exception {
        ConsoleFiles.assertServedWithTheirHeaders(http, TOKEN);

        // relative to the page, so that they are found under the stage's path
        assertThat(http.get("/console").body()).contains("src=\"console/console.js\"", "href=\"console/console.css\"");
        assertThat(http.get("/console/console.js").body()).contains("import.meta.url");
    }

    @Test
    @Order(3)
    void readsTheEventsAndTheDeadLettersWithTheirReasons() throws Exception {
        JsonNode events = json(get("/events?provider=shopify"));
        JsonNode event = json(get("/events/" + processed.eventId()));
        JsonNode payload = json(get("/events/" + processed.eventId() + "/payload"));
        JsonNode deadLetters = json(get("/events?status=dead_lettered"));
        JsonNode deadLetter = json(get("/dead-letters/" + toTheQueue.eventId()));

        assertThat(events.path("items").findValuesAsText("id"))
                .containsExactlyInAnyOrder(processed.eventId(), toTheQueue.eventId(), tryNow.eventId(), tryInTheBrowser.eventId());
        assertThat(event.path("status").asText()).isEqualTo("processed");
        assertThat(event.path("timeline").findValuesAsText("status")).containsExactly("accepted", "processed");
        assertThat(payload.path("payload").asText()).isEqualTo(processed.body());
        assertThat(deadLetters.path("items").findValuesAsText("id"))
                .containsExactlyInAnyOrder(toTheQueue.eventId(), tryNow.eventId(), tryInTheBrowser.eventId());
        assertThat(deadLetters.path("items").get(0).path("reason").path("code").asText()).isEqualTo("schema_violation");
        assertThat(deadLetter.path("payload").asText()).isEqualTo(toTheQueue.body());
        assertThat(deadLetter.path("attributes").path("errorCode").asText()).isEqualTo("schema_violation");
        assertThat(get("/events/no-such-event").statusCode()).isEqualTo(404);
    }

    @Test
    @Order(4)
    void countsTheLastHourFromTheHistoryAndSaysWhatItDoesNotCount() throws Exception {
        JsonNode overview = json(get("/overview"));

        assertThat(overview.path("countsIngest").asBoolean()).isFalse();
        assertThat(overview.path("notCounted").asText()).contains("accepted and refused", "last 24 hours", "oldest message", DASHBOARD);
        assertThat(overview.path("windows").fieldNames()).toIterable().containsExactly("lastHour");
        assertThat(overview.path("retentionDays").asLong()).as("the retention function's, which the console says").isEqualTo(14);
        JsonNode shopify = overview.path("windows").path("lastHour").path("providers").get(0);
        assertThat(shopify.path("provider").asText()).isEqualTo("shopify");
        assertThat(shopify.path("processed").asLong()).isEqualTo(1);
        assertThat(shopify.path("deadLettered").asLong()).isEqualTo(3);
        assertThat(shopify.has("accepted")).isFalse();
        assertThat(overview.path("queues").path("deadLetters").path("visible").asLong()).isEqualTo(3);
        assertThat(overview.path("queues").path("main").path("visible").asLong()).isZero();
        long chartedDeadLetters = 0;
        for (JsonNode minute : overview.path("perMinute")) {
            chartedDeadLetters += minute.path("deadLettered").asLong();
        }
        assertThat(chartedDeadLetters).isEqualTo(3);
    }

    @Test
    @Order(5)
    void replaysADeadLetterToTheQueueAndTriesOneNowThroughTheWorkerFunction() throws Exception {
        JsonNode dryRun = JSON.readTree(http.operatorPost("/dead-letters/replay", "{\"ids\": [\"" + toTheQueue.eventId() + "\"], \"dryRun\": true}", TOKEN).body());
        JsonNode failedAgain = JSON.readTree(http.operatorPost("/dead-letters/" + tryNow.eventId() + "/replay?mode=direct", "{}", TOKEN).body());
        ShippedSchemas.fixOrdersCreate(schemas);
        JsonNode triedNow = JSON.readTree(http.operatorPost("/dead-letters/" + tryNow.eventId() + "/replay?mode=direct", "{}", TOKEN).body());
        JsonNode moved = JSON.readTree(http.operatorPost("/dead-letters/" + toTheQueue.eventId() + "/replay", "{}", TOKEN).body());

        assertThat(dryRun.path("matched").asInt()).isEqualTo(1);
        assertThat(dryRun.path("moved").asInt()).isZero();
        assertThat(failedAgain.path("outcome").asText()).as(failedAgain.toString()).isEqualTo("failed");
        assertThat(failedAgain.path("errorCode").asText()).isEqualTo("schema_violation");
        assertThat(triedNow.path("outcome").asText()).as(triedNow.toString()).isEqualTo("processed");
        assertThat(json(get("/events/" + tryNow.eventId())).path("status").asText()).isEqualTo("processed");
        assertThat(moved.path("moved").asInt()).as(moved.toString()).isEqualTo(1);
        assertThat(json(get("/events/" + toTheQueue.eventId())).path("timeline").findValuesAsText("status")).endsWith("replayed");
        // as the worker's metrics count them: the "try now" that failed is no new dead letter, the one that processed counts
        JsonNode shopify = json(get("/overview")).path("windows").path("lastHour").path("providers").get(0);
        assertThat(shopify.path("deadLettered").asLong()).isEqualTo(3);
        assertThat(shopify.path("processed").asLong()).isEqualTo(2);
        assertThat(shopify.path("replayed").asLong()).isEqualTo(1);
        try (QueueReader mainQueue = new QueueReader(sqsPort, QUEUES.queueName())) {
            List<Message> queued = mainQueue.drain();
            assertThat(queued).singleElement().satisfies(message ->
                    assertThat(QueueReader.attribute(message, "eventId")).isEqualTo(toTheQueue.eventId()));
        }
    }

    @Test
    @Order(6)
    void anOperatorLogsInFindsTheDeadLetterAndTriesItNowInTheBrowser() throws Exception {
        try (ConsoleBrowser browser = ConsoleBrowser.start(workDir.resolve("chromium"), gateway.url() + "/console", SCREENSHOTS)) {
            browser.load("");
            browser.logIn("not-the-token");
            browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("login-error"), "refused"));

            browser.logIn(TOKEN);
            // processed: the good order and the one tried now; dead-lettered: three (the try before the fix is none); replayed: one
            assertThat(browser.cells("overview-lastHour", "shopify", 4)).containsExactly("shopify", "2", "3", "1");
            assertThat(browser.text(By.id("not-counted"))).contains("CloudWatch dashboard " + DASHBOARD);
            assertThat(browser.driver().findElements(By.id("overview-last24Hours"))).isEmpty();
            browser.screenshot("overview");

            browser.driver().findElement(By.id("nav-dead-letters")).click();
            assertThat(browser.listedEvents("dead-letters")).containsExactly(tryInTheBrowser.eventId());
            assertThat(browser.driver().findElement(By.cssSelector("#dead-letters .reason")).getText()).contains("schema_violation", "total_price");
            browser.driver().findElement(By.cssSelector("#dead-letters .try-now")).click();
            browser.noticeSays(tryInTheBrowser.eventId() + ": processed.");
            browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("no-dead-letters")));
            browser.screenshot("dead-letters");

            browser.driver().findElement(By.id("nav-events")).click();
            assertThat(browser.listedEvents("events")).contains(tryInTheBrowser.eventId());
            browser.driver().findElement(By.linkText(tryInTheBrowser.eventId())).click();
            assertThat(browser.text(By.id("timeline"))).contains("dead-lettered — schema_violation", "processed");
            assertThat(browser.driver().getCurrentUrl()).startsWith(gateway.url() + "/console").doesNotContain(TOKEN);
            browser.screenshot("event");
        }
    }
}
