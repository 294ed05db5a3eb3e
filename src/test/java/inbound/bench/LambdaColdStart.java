package inbound.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import inbound.embedded.EmbeddedSqsServer;
import inbound.queue.QueueSettings;
import inbound.testing.FreePort;
import inbound.testing.Webhooks;
import inbound.testing.lambda.LambdaFunctionProcess;
import inbound.testing.lambda.LambdaFunctions;
import inbound.testing.lambda.LocalLambdaRuntime;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.GetQueueUrlRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * {@code mvn -q -Plambda-bench -DskipTests verify}: each Lambda function's local cold start (JVM start
 * to first response, under AWS's runtime client, from the built zip) over several runs, where the
 * start-up went (before the handler existed; Inbound's own context start), and warm invocations
 * (time inside the function, as the Runtime API sees it). For the ingest function the queue's own
 * SendMessageBatch latency is measured in the same run, so that the warm figure can be read without
 * the SQS call. Each warm invocation's log bytes and the function's peak resident memory are
 * recorded too: the cost calculator ({@link CostPerMillionEvents}) reads them. Writes
 * target/bench/lambda-cold-start.json.
 */
public final class LambdaColdStart {

    private static final int COLD_RUNS = 5;
    private static final String SLACK_SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
    private static final int WARM_INVOCATIONS = 300;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern READY = Pattern.compile("handler created (\\d+) ms after the JVM started, context built and started in (\\d+) ms");

    private LambdaColdStart() {
    }

    public static void main(String[] args) throws Exception {
        Path workDir = Files.createDirectories(Path.of("target", "bench", "lambda"));
        QueueSettings queues = new QueueSettings("webhook-events.fifo", "webhook-events-dlq.fifo", 5);
        int sqsPort = FreePort.find();
        ObjectNode report = JSON.createObjectNode();
        ObjectNode machine = report.putObject("machine");
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        machine.put("jvmOptions", String.join(" ", LambdaFunctionProcess.JVM_OPTIONS) + " -Xmx512m");
        report.put("command", "mvn -q -Plambda-bench -DskipTests verify").put("measuredAt", Instant.now().toString());
        report.put("coldRuns", COLD_RUNS).put("warmInvocations", WARM_INVOCATIONS);
        ArrayNode rows = report.putArray("functions");
        try (EmbeddedSqsServer sqs = EmbeddedSqsServer.start("127.0.0.1", sqsPort, workDir.resolve("sqs-" + UUID.randomUUID()), queues,
                Duration.ofSeconds(60));
                LambdaFunctions functions = new LambdaFunctions(workDir.resolve("run-" + UUID.randomUUID()))) {
            Map<String, String> environment = new HashMap<>();
            environment.put("INBOUND_SQS_ENDPOINT", "http://127.0.0.1:" + sqsPort);
            environment.put("INBOUND_PROVIDER_SHOPIFY_SECRET", "local-demo-secret");
            environment.put("INBOUND_DB_URL", "jdbc:h2:file:" + workDir.toAbsolutePath().resolve("db-" + UUID.randomUUID()) + "/inbound;WRITE_DELAY=0");
            environment.put("INBOUND_PROVIDER_SLACK_SECRET", SLACK_SECRET);
            rows.add(measure(functions, "authorizer", LambdaFunctions.AUTHORIZER, environment, () -> LambdaFunctions.sampleEvent("authorizer-shopify.json"), null));
            rows.add(measure(functions, "ingest", LambdaFunctions.INGEST, environment, LambdaColdStart::uniqueIngestEvent,
                    LambdaColdStart::slackHandshake));
            rows.add(measure(functions, "worker", LambdaFunctions.WORKER, environment, LambdaColdStart::uniqueWorkerEvent, null));
            rows.add(measure(functions, "replay", LambdaFunctions.REPLAY, environment,
                    () -> JSON.createObjectNode().put("provider", "shopify").put("dryRun", true), null));
            report.set("sqsSendMessageBatchOfOne", sendLatency(sqsPort, queues.queueName()));
        }
        Files.writeString(Path.of("target", "bench", "lambda-cold-start.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(report));
        print(report);
    }

    /**
     * @param withoutQueueCall where not null, a second warm series with requests that run the ingest
     *     route all the way but for the queue (a Slack endpoint check, answered at once)
     */
    private static ObjectNode measure(LambdaFunctions functions, String name, String handler, Map<String, String> environment,
            Supplier<JsonNode> events, Supplier<JsonNode> withoutQueueCall) throws Exception {
        List<Double> coldMs = new ArrayList<>();
        List<Double> beforeHandlerMs = new ArrayList<>();
        List<Double> contextMs = new ArrayList<>();
        List<Double> warmMs = new ArrayList<>();
        List<Double> warmWithoutQueueMs = new ArrayList<>();
        List<Double> logBytes = new ArrayList<>();
        double peakResidentMib = 0;
        for (int run = 1; run <= COLD_RUNS; run++) {
            LambdaFunctions.Function function = functions.start("inbound-" + name + "-" + run, handler, environment);
            try {
                LocalLambdaRuntime.Result first = function.runtime().invoke(JSON.writeValueAsString(events.get()), Duration.ofSeconds(120));
                coldMs.add((System.nanoTime() - function.process().startedNanos()) / 1e6);
                if (first.failed()) {
                    throw new IllegalStateException(name + " failed its first invocation: " + first.payload() + " (log: " + function.log() + ")");
                }
                Matcher ready = READY.matcher(Files.readString(function.log()));
                if (ready.find()) {
                    beforeHandlerMs.add(Double.parseDouble(ready.group(1)));
                    contextMs.add(Double.parseDouble(ready.group(2)));
                }
                if (run == COLD_RUNS) {
                    for (int i = 0; i < WARM_INVOCATIONS; i++) {
                        long logSizeBefore = Files.size(function.log());
                        warmMs.add(inFunctionMs(function, events.get()));
                        logBytes.add((double) (Files.size(function.log()) - logSizeBefore));
                        if (withoutQueueCall != null) {
                            warmWithoutQueueMs.add(inFunctionMs(function, withoutQueueCall.get()));
                        }
                    }
                    peakResidentMib = function.process().peakResidentBytes() / (1024.0 * 1024.0);
                }
            } finally {
                function.process().close();
                function.runtime().close();
            }
        }
        ObjectNode row = JSON.createObjectNode().put("function", name);
        row.set("coldStartMs", stats(coldMs));
        row.set("handlerCreatedAfterJvmStartMs", stats(beforeHandlerMs));
        row.set("contextStartMs", stats(contextMs));
        row.set("warmInvocationMs", stats(warmMs));
        if (withoutQueueCall != null) {
            row.set("warmInvocationWithoutQueueCallMs", stats(warmWithoutQueueMs));
        }
        // what a warm invocation writes to its log (CloudWatch Logs bills it by the byte) and how much memory the function held
        row.set("logBytesPerWarmInvocation", stats(logBytes));
        row.put("peakResidentMib", round(peakResidentMib));
        return row;
    }

    private static double inFunctionMs(LambdaFunctions.Function function, JsonNode event) throws Exception {
        LocalLambdaRuntime.Result result = function.runtime().invoke(JSON.writeValueAsString(event), Duration.ofSeconds(60));
        if (result.failed()) {
            throw new IllegalStateException(function.name() + " failed: " + result.payload());
        }
        return result.inFunction().toNanos() / 1e6;
    }

    /** Slack's endpoint check, signed: the ingest route checks it all the way and answers it without the queue. */
    private static JsonNode slackHandshake() {
        byte[] body = ("{\"token\":\"Jhj5dZrVaK7ZwHHjRyZWjbDl\",\"challenge\":\"" + UUID.randomUUID() + "\",\"type\":\"url_verification\"}")
                .getBytes(StandardCharsets.UTF_8);
        ObjectNode event = (ObjectNode) LambdaFunctions.sampleEvent("ingest-shopify.json");
        ObjectNode headers = JSON.createObjectNode().put("Content-Type", "application/json");
        Webhooks.provider("slack").signature().sign(body, null, SLACK_SECRET.getBytes(StandardCharsets.UTF_8), Instant.now()).forEach(headers::put);
        event.set("headers", headers);
        event.remove("multiValueHeaders");
        ((ObjectNode) event.path("pathParameters")).put("provider", "slack");
        event.put("body", new String(body, StandardCharsets.UTF_8));
        return event;
    }

    private static JsonNode uniqueIngestEvent() {
        ObjectNode event = (ObjectNode) LambdaFunctions.sampleEvent("ingest-shopify.json");
        // Shopify signs the body only: a new webhook id makes a new event with the same signature
        ((ObjectNode) event.path("headers")).put("X-Shopify-Webhook-Id", UUID.randomUUID().toString());
        return event;
    }

    private static JsonNode uniqueWorkerEvent() {
        ObjectNode event = (ObjectNode) LambdaFunctions.sampleEvent("worker-sqs-fifo.json");
        ObjectNode record = (ObjectNode) event.path("Records").get(0);
        String eventId = UUID.randomUUID().toString();
        record.put("messageId", UUID.randomUUID().toString());
        ((ObjectNode) record.path("messageAttributes").path("eventId")).put("stringValue", eventId);
        ((ObjectNode) record.path("attributes")).put("MessageDeduplicationId", eventId);
        return event;
    }

    /** The queue's own latency for what the ingest function sends per request: a SendMessageBatch of one entry. */
    private static ObjectNode sendLatency(int sqsPort, String queueName) {
        List<Double> ms = new ArrayList<>();
        try (SqsClient client = EmbeddedSqsServer.client(URI.create("http://127.0.0.1:" + sqsPort), Duration.ofSeconds(10))) {
            String url = client.getQueueUrl(GetQueueUrlRequest.builder().queueName(queueName).build()).queueUrl();
            String body = LambdaFunctions.sampleEvent("ingest-shopify.json").path("body").asText();
            for (int i = 0; i < WARM_INVOCATIONS; i++) {
                String id = UUID.randomUUID().toString();
                long start = System.nanoTime();
                client.sendMessageBatch(SendMessageBatchRequest.builder().queueUrl(url).entries(SendMessageBatchRequestEntry.builder()
                        .id("0").messageBody(body).messageGroupId("shopify:bench").messageDeduplicationId(id).build()).build());
                ms.add((System.nanoTime() - start) / 1e6);
            }
        }
        return stats(ms);
    }

    private static ObjectNode stats(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        ObjectNode stats = JSON.createObjectNode().put("n", sorted.size());
        if (!sorted.isEmpty()) {
            stats.put("min", round(sorted.get(0)))
                    .put("mean", round(sorted.stream().mapToDouble(Double::doubleValue).average().orElseThrow()))
                    .put("p50", round(percentile(sorted, 0.50)))
                    .put("p99", round(percentile(sorted, 0.99)))
                    .put("max", round(sorted.get(sorted.size() - 1)));
        }
        return stats;
    }

    private static double percentile(List<Double> sorted, double quantile) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(quantile * sorted.size()) - 1));
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    private static void print(ObjectNode report) {
        System.out.printf("%nLambda functions, local (%s, %d cores, %s)%n", report.path("machine").path("jvm").asText(),
                report.path("machine").path("cores").asInt(), report.path("machine").path("jvmOptions").asText());
        System.out.printf("%-11s %22s %24s %20s %22s%n", "function", "cold start p50 (min-max)", "handler created after", "context start p50",
                "warm p50 / p99 (ms)");
        for (JsonNode row : report.path("functions")) {
            System.out.printf("%-11s %12.0f ms (%.0f-%.0f) %21.0f ms %17.0f ms %14.2f / %.2f%n", row.path("function").asText(),
                    row.path("coldStartMs").path("p50").asDouble(), row.path("coldStartMs").path("min").asDouble(),
                    row.path("coldStartMs").path("max").asDouble(), row.path("handlerCreatedAfterJvmStartMs").path("p50").asDouble(),
                    row.path("contextStartMs").path("p50").asDouble(), row.path("warmInvocationMs").path("p50").asDouble(),
                    row.path("warmInvocationMs").path("p99").asDouble());
        }
        for (JsonNode row : report.path("functions")) {
            System.out.printf("%s warm mean %.2f ms, %.0f log bytes per warm invocation, peak resident memory %.0f MiB%n", row.path("function").asText(),
                    row.path("warmInvocationMs").path("mean").asDouble(), row.path("logBytesPerWarmInvocation").path("mean").asDouble(),
                    row.path("peakResidentMib").asDouble());
        }
        JsonNode send = report.path("sqsSendMessageBatchOfOne");
        System.out.printf("queue's own SendMessageBatch (1 entry), same run: p50 %.2f ms, p99 %.2f ms%n",
                send.path("p50").asDouble(), send.path("p99").asDouble());
        for (JsonNode row : report.path("functions")) {
            if (row.has("warmInvocationWithoutQueueCallMs")) {
                System.out.printf("%s warm, the whole route but the queue call (a signed Slack endpoint check): p50 %.2f ms, p99 %.2f ms%n",
                        row.path("function").asText(), row.path("warmInvocationWithoutQueueCallMs").path("p50").asDouble(),
                        row.path("warmInvocationWithoutQueueCallMs").path("p99").asDouble());
            }
        }
        System.out.println("written: target/bench/lambda-cold-start.json");
    }
}
