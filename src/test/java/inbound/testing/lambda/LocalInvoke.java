package inbound.testing.lambda;

import com.fasterxml.jackson.databind.ObjectMapper;
import inbound.embedded.EmbeddedSqsServer;
import inbound.queue.QueueSettings;
import inbound.testing.FreePort;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code lambda/invoke <function> <event.json>}: runs one function from the built zip under AWS's
 * runtime interface client, with the embedded queue and an H2 database under target/lambda-local,
 * hands it the event and prints its answer. INBOUND_* variables of the caller's environment reach the
 * function; the Shopify secret defaults to the sample's {@code local-demo-secret}, the admin token to the README's
 * {@code local-admin-token}.
 */
public final class LocalInvoke {

    private static final Map<String, String> HANDLERS = Map.of(
            "authorizer", LambdaFunctions.AUTHORIZER,
            "ingest", LambdaFunctions.INGEST,
            "worker", LambdaFunctions.WORKER,
            "replay", LambdaFunctions.REPLAY,
            "console", LambdaFunctions.CONSOLE,
            "retention", LambdaFunctions.RETENTION);
    /** The functions that invoke the worker function (a direct replay, the console's "try now"), which then runs too. */
    private static final Set<String> INVOKING_THE_WORKER = Set.of("replay", "console");

    private LocalInvoke() {
    }

    /** The function and the event file come as {@code -Dlambda.function} and {@code -Dlambda.event} (lambda/invoke sets both). */
    public static void main(String[] args) throws Exception {
        String functionName = System.getProperty("lambda.function", "");
        String eventFile = System.getProperty("lambda.event", "");
        if (!HANDLERS.containsKey(functionName) || eventFile.isEmpty() || !Files.isRegularFile(Path.of(eventFile))) {
            System.err.println("usage: lambda/invoke <authorizer|ingest|worker|replay|console|retention> <event.json>");
            System.exit(2);
        }
        Path local = Path.of("target", "lambda-local").toAbsolutePath();
        QueueSettings queues = new QueueSettings(
                System.getenv().getOrDefault("INBOUND_QUEUE_NAME", "webhook-events.fifo"),
                System.getenv().getOrDefault("INBOUND_DLQ_NAME", "webhook-events-dlq.fifo"), 5);
        int sqsPort = FreePort.find();
        Map<String, String> environment = new HashMap<>();
        environment.put("INBOUND_PROVIDER_SHOPIFY_SECRET", "local-demo-secret");
        environment.put("INBOUND_ADMIN_TOKEN", "local-admin-token");
        environment.put("INBOUND_DB_URL", "jdbc:h2:file:" + local.resolve("db").resolve("inbound") + ";WRITE_DELAY=0");
        System.getenv().forEach((name, value) -> {
            if (name.startsWith("INBOUND_")) {
                environment.put(name, value);
            }
        });
        environment.put("INBOUND_SQS_ENDPOINT", "http://127.0.0.1:" + sqsPort);
        String event = Files.readString(Path.of(eventFile));
        try (EmbeddedSqsServer sqs = EmbeddedSqsServer.start("127.0.0.1", sqsPort, local.resolve("sqs"), queues, Duration.ofSeconds(60));
                LambdaFunctions functions = new LambdaFunctions(Files.createTempDirectory("inbound-lambda-"))) {
            if (INVOKING_THE_WORKER.contains(functionName)) {
                LambdaFunctions.Function worker = functions.start("inbound-worker", LambdaFunctions.WORKER, environment);
                environment.put("INBOUND_LAMBDA_ENDPOINT", worker.runtime().invokeEndpoint());
                environment.put("INBOUND_REPLAY_WORKER_FUNCTION", worker.name());
            }
            LambdaFunctions.Function function = functions.start("inbound-" + functionName, HANDLERS.get(functionName), environment);
            LocalLambdaRuntime.Result result = function.runtime().invoke(event, Duration.ofSeconds(120));
            ObjectMapper json = new ObjectMapper();
            System.out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(json.readTree(result.payload())));
            if (result.failed()) {
                System.err.println("The function answered an error (" + result.errorType() + "); its log: " + function.log());
                System.exit(1);
            }
        }
    }
}
