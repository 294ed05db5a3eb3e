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
import inbound.testing.lambda.LambdaZip;
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
import java.util.stream.Stream;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.GetQueueUrlRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * {@code mvn -q -Plambda-bench -DskipTests verify}: each Lambda function's local cold start (JVM start
 * to first response, under AWS's runtime client, from the built zip) over several runs, against the same
 * measure of a {@link TrivialHandler} packaged the same way, in the same run; where the start-up went
 * (before the handler existed; Inbound's own context start); its first invocation (from the Runtime API
 * handing out the event to the answer) against its warm invocations (time inside the function, as the
 * Runtime API sees it) — each once as it starts today and once primed in its constructor
 * ({@code INBOUND_PRIME_AT_INIT=true}, the priming a SnapStart checkpoint runs). For the ingest function the queue's own SendMessageBatch latency is measured in the same run, so
 * that the warm figure can be read without the SQS call. Each warm invocation's log bytes and the function's
 * peak resident memory are recorded too: the cost calculator ({@link CostPerMillionEvents}) reads them.
 * Writes target/bench/lambda-cold-start.json.
 */
public final class LambdaColdStart {

    private static final int COLD_RUNS = 5;
    /** Fewer per size in a memory sweep: the smallest sizes start slowly, and the sizes multiply the starts. */
    private static final int SWEEP_COLD_RUNS = 3;
    private static final String SLACK_SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
    private static final int WARM_INVOCATIONS = 300;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern READY = Pattern.compile("handler created (\\d+) ms after the JVM started, context built and started in (\\d+) ms");
    private static final Pattern PRIMED = Pattern.compile("primed in (\\d+) ms");

    private LambdaColdStart() {
    }

    /** One function to measure: its handler, the events it is given warm, and (ingest) a series without the queue call. */
    private record Measured(String name, String handler, Supplier<JsonNode> events, Supplier<JsonNode> withoutQueueCall) {
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
        Path trivialRoot = workDir.resolve("trivial-" + UUID.randomUUID());
        Path trivialZip = TrivialHandlerZip.write(Files.createDirectories(trivialRoot).resolve("trivial-handler.zip"));
        try (EmbeddedSqsServer sqs = EmbeddedSqsServer.start("127.0.0.1", sqsPort, workDir.resolve("sqs-" + UUID.randomUUID()), queues,
                Duration.ofSeconds(60));
                LambdaFunctions functions = new LambdaFunctions(workDir.resolve("run-" + UUID.randomUUID()));
                LambdaFunctions trivial = new LambdaFunctions(trivialRoot, LambdaZip.unpack(trivialZip, trivialRoot.resolve("task")))) {
            Map<String, String> environment = new HashMap<>();
            environment.put("INBOUND_SQS_ENDPOINT", "http://127.0.0.1:" + sqsPort);
            environment.put("INBOUND_PROVIDER_SHOPIFY_SECRET", "local-demo-secret");
            environment.put("INBOUND_DB_URL", "jdbc:h2:file:" + workDir.toAbsolutePath().resolve("db-" + UUID.randomUUID()) + "/inbound;WRITE_DELAY=0");
            environment.put("INBOUND_PROVIDER_SLACK_SECRET", SLACK_SECRET);
            environment.put("INBOUND_ADMIN_TOKEN", "local-admin-token");
            List<Integer> memorySizes = memorySizes();
            if (!memorySizes.isEmpty()) {
                memorySweep(functions, environment, memorySizes);
                return;
            }
            Measured baseline = new Measured("trivial", TrivialHandlerZip.HANDLER, () -> JSON.createObjectNode().put("ping", UUID.randomUUID().toString()),
                    null);
            // the trivial handler before and after the functions, so that a machine busier at one end weighs on both
            ArrayNode trivialRuns = report.putArray("trivialHandler");
            trivialRuns.add(measure(trivial, baseline, Map.of(), false));
            rows.add(measureBothWays(functions, new Measured("authorizer", LambdaFunctions.AUTHORIZER,
                    () -> LambdaFunctions.sampleEvent("authorizer-shopify.json"), null), environment));
            rows.add(measureBothWays(functions, new Measured("ingest", LambdaFunctions.INGEST, LambdaColdStart::uniqueIngestEvent,
                    LambdaColdStart::slackHandshake), environment));
            rows.add(measureBothWays(functions, new Measured("worker", LambdaFunctions.WORKER, LambdaColdStart::uniqueWorkerEvent, null), environment));
            rows.add(measureBothWays(functions, new Measured("replay", LambdaFunctions.REPLAY,
                    () -> JSON.createObjectNode().put("provider", "shopify").put("dryRun", true), null), environment));
            rows.add(measureBothWays(functions, new Measured("console", LambdaFunctions.CONSOLE,
                    () -> LambdaFunctions.sampleEvent("console-dead-letters.json"), null), environment));
            rows.add(measureBothWays(functions, new Measured("retention", LambdaFunctions.RETENTION,
                    () -> LambdaFunctions.sampleEvent("retention-schedule.json"), null), environment));
            trivialRuns.add(measure(trivial, baseline, Map.of(), false));
            report.set("sqsSendMessageBatchOfOne", sendLatency(sqsPort, queues.queueName()));
        }
        Files.writeString(Path.of("target", "bench", "lambda-cold-start.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(report));
        print(report);
    }

    /** The function as it starts today (the row's own figures) and primed in its constructor ({@code primedAtInit}). */
    private static ObjectNode measureBothWays(LambdaFunctions functions, Measured function, Map<String, String> environment) throws Exception {
        Map<String, String> primed = new HashMap<>(environment);
        primed.put("INBOUND_PRIME_AT_INIT", "true");
        ObjectNode row = measure(functions, function, environment, true);
        ObjectNode primedRow = measure(functions, new Measured(function.name(), function.handler(), function.events(), null), primed, false);
        primedRow.remove("function");
        row.set("primedAtInit", primedRow);
        return row;
    }

    /**
     * @param withMemory whether to record what the cost calculator reads: log bytes per warm invocation, peak memory
     */
    private static ObjectNode measure(LambdaFunctions functions, Measured function, Map<String, String> environment, boolean withMemory)
            throws Exception {
        ObjectNode row = measure(functions, function, environment, withMemory, COLD_RUNS);
        row.put("classesLoadedByFirstAnswer", classesLoadedByFirstAnswer(functions, function, environment));
        return row;
    }

    private static ObjectNode measure(LambdaFunctions functions, Measured function, Map<String, String> environment, boolean withMemory,
            int coldRuns) throws Exception {
        List<Double> coldMs = new ArrayList<>();
        List<Double> firstMs = new ArrayList<>();
        List<Double> beforeHandlerMs = new ArrayList<>();
        List<Double> contextMs = new ArrayList<>();
        List<Double> primingMs = new ArrayList<>();
        List<Double> warmMs = new ArrayList<>();
        List<Double> warmWithoutQueueMs = new ArrayList<>();
        List<Double> logBytes = new ArrayList<>();
        double peakResidentMib = 0;
        for (int run = 1; run <= coldRuns; run++) {
            LambdaFunctions.Function started = functions.start("inbound-" + function.name() + "-" + run, function.handler(), environment);
            try {
                LocalLambdaRuntime.Result first = started.runtime().invoke(JSON.writeValueAsString(function.events().get()), Duration.ofSeconds(120));
                coldMs.add((System.nanoTime() - started.process().startedNanos()) / 1e6);
                if (first.failed()) {
                    throw new IllegalStateException(function.name() + " failed its first invocation: " + first.payload() + " (log: " + started.log() + ")");
                }
                firstMs.add(first.inFunction().toNanos() / 1e6);
                String log = Files.readString(started.log());
                Matcher ready = READY.matcher(log);
                if (ready.find()) {
                    beforeHandlerMs.add(Double.parseDouble(ready.group(1)));
                    contextMs.add(Double.parseDouble(ready.group(2)));
                }
                Matcher primed = PRIMED.matcher(log);
                if (primed.find()) {
                    primingMs.add(Double.parseDouble(primed.group(1)));
                }
                if (run == coldRuns) {
                    for (int i = 0; i < WARM_INVOCATIONS; i++) {
                        long logSizeBefore = Files.size(started.log());
                        warmMs.add(inFunctionMs(started, function.events().get()));
                        logBytes.add((double) (Files.size(started.log()) - logSizeBefore));
                        if (function.withoutQueueCall() != null) {
                            warmWithoutQueueMs.add(inFunctionMs(started, function.withoutQueueCall().get()));
                        }
                    }
                    peakResidentMib = started.process().peakResidentBytes() / (1024.0 * 1024.0);
                }
            } finally {
                started.process().close();
                started.runtime().close();
            }
        }
        ObjectNode row = JSON.createObjectNode().put("function", function.name());
        row.set("coldStartMs", stats(coldMs));
        row.set("firstInvocationMs", stats(firstMs));
        row.set("handlerCreatedAfterJvmStartMs", stats(beforeHandlerMs));
        row.set("contextStartMs", stats(contextMs));
        if (!primingMs.isEmpty()) {
            row.set("primingMs", stats(primingMs));
        }
        row.set("warmInvocationMs", stats(warmMs));
        if (function.withoutQueueCall() != null) {
            row.set("warmInvocationWithoutQueueCallMs", stats(warmWithoutQueueMs));
        }
        if (withMemory) {
            // what a warm invocation writes to its log (CloudWatch Logs bills it by the byte) and how much memory the function held
            row.set("logBytesPerWarmInvocation", stats(logBytes));
            row.put("peakResidentMib", round(peakResidentMib));
        }
        return row;
    }

    /** The memory sizes of a sweep, {@code -Dlambda.memorySizes=512,1024,...} (MB); none: no sweep. */
    private static List<Integer> memorySizes() {
        String sizes = System.getProperty("lambda.memorySizes", "");
        return sizes.isBlank() ? List.of() : Stream.of(sizes.split(",")).map(String::trim).map(Integer::valueOf).toList();
    }

    /**
     * The functions each event passes through (authorizer, ingest, worker), at each memory size with the
     * CPU Lambda would give it ({@link LambdaCpuShare}): cold start, first and warm invocation, and what a
     * million warm invocations cost at that size on arm64 (duration rounded up to the millisecond, as
     * billed). Writes target/bench/lambda-memory-sweep.json.
     */
    private static void memorySweep(LambdaFunctions functions, Map<String, String> environment, List<Integer> memorySizes) throws Exception {
        PriceTable prices = PriceTable.read(Path.of("src", "test", "resources", "cost", "aws-prices.json"));
        double perGbSecond = prices.prices().get(PriceTable.Item.LAMBDA_ARM64_PER_GB_SECOND).usd();
        double perMillionRequests = prices.prices().get(PriceTable.Item.LAMBDA_REQUESTS_PER_MILLION).usd();
        ObjectNode report = JSON.createObjectNode();
        report.put("command", "mvn -q -Plambda-bench -DskipTests verify -Dlambda.memorySizes=" + System.getProperty("lambda.memorySizes"))
                .put("measuredAt", Instant.now().toString()).put("cores", Runtime.getRuntime().availableProcessors())
                .put("mbPerVcpu", LambdaCpuShare.MB_PER_VCPU).put("pricesReadOn", prices.readOn());
        ArrayNode rows = report.putArray("sizes");
        System.out.printf("%-11s %7s %6s %16s %12s %12s %12s %18s%n", "function", "memory", "vCPU", "cold start p50", "first (ms)", "warm mean", "warm p99",
                "$ per million (arm64)");
        for (int memoryMb : memorySizes) {
            Map<String, String> sized = new HashMap<>(environment);
            sized.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", String.valueOf(memoryMb));
            try (LambdaCpuShare share = LambdaCpuShare.of(memoryMb)) {
                functions.launchThrough(share.launcher());
                for (Measured function : List.of(
                        new Measured("authorizer", LambdaFunctions.AUTHORIZER, () -> LambdaFunctions.sampleEvent("authorizer-shopify.json"), null),
                        new Measured("ingest", LambdaFunctions.INGEST, LambdaColdStart::uniqueIngestEvent, null),
                        new Measured("worker", LambdaFunctions.WORKER, LambdaColdStart::uniqueWorkerEvent, null))) {
                    ObjectNode row = measure(functions, function, sized, true, SWEEP_COLD_RUNS);
                    double warmMean = row.path("warmInvocationMs").path("mean").asDouble();
                    double perMillion = Math.ceil(warmMean) / 1000 * memoryMb / 1024.0 * perGbSecond * 1e6 + perMillionRequests;
                    row.put("memoryMb", memoryMb).put("vcpu", round((double) memoryMb / LambdaCpuShare.MB_PER_VCPU)).put("usdPerMillionWarmInvocations", round(perMillion));
                    rows.add(row);
                    System.out.printf("%-11s %4d MB %6.2f %13.0f ms %12.2f %12.2f %12.2f %18.4f%n", function.name(), memoryMb,
                            (double) memoryMb / LambdaCpuShare.MB_PER_VCPU, row.path("coldStartMs").path("p50").asDouble(),
                            row.path("firstInvocationMs").path("p50").asDouble(), warmMean, row.path("warmInvocationMs").path("p99").asDouble(), perMillion);
                }
            } finally {
                functions.launchThrough(List.of());
            }
        }
        Files.writeString(Path.of("target", "bench", "lambda-memory-sweep.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(report));
        System.out.println("written: target/bench/lambda-memory-sweep.json");
    }

    /**
     * How many classes the function's JVM loaded by the time it answered its first event: what a cold start spends
     * most of its time on, counted (unlike a time) the same on a busy machine as on an idle one. From one more
     * start, with the JVM's class loading log, which slows it: not one of the timed starts.
     */
    private static long classesLoadedByFirstAnswer(LambdaFunctions functions, Measured function, Map<String, String> environment) throws Exception {
        Path classLog = Path.of("target", "lambda-logs", "inbound-" + function.name() + "-classes-" + UUID.randomUUID() + ".log").toAbsolutePath();
        Map<String, String> logged = new HashMap<>(environment);
        logged.put("JAVA_TOOL_OPTIONS", "-Xlog:class+load:file=" + classLog);
        LambdaFunctions.Function started = functions.start("inbound-" + function.name() + "-classes", function.handler(), logged);
        try {
            LocalLambdaRuntime.Result first = started.runtime().invoke(JSON.writeValueAsString(function.events().get()), Duration.ofSeconds(120));
            if (first.failed()) {
                throw new IllegalStateException(function.name() + " failed its first invocation: " + first.payload() + " (log: " + started.log() + ")");
            }
            try (Stream<String> lines = Files.lines(classLog)) {
                return lines.filter(line -> line.contains(" source: ")).count();
            }
        } finally {
            started.process().close();
            started.runtime().close();
        }
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
        double trivialMs = 0;
        for (JsonNode trivial : report.path("trivialHandler")) {
            trivialMs += trivial.path("coldStartMs").path("p50").asDouble() / report.path("trivialHandler").size();
            System.out.printf("trivial handler, same harness: cold start p50 %.0f ms (%.0f-%.0f), first invocation p50 %.2f ms, warm p50 %.2f ms%n",
                    trivial.path("coldStartMs").path("p50").asDouble(), trivial.path("coldStartMs").path("min").asDouble(),
                    trivial.path("coldStartMs").path("max").asDouble(), trivial.path("firstInvocationMs").path("p50").asDouble(),
                    trivial.path("warmInvocationMs").path("p50").asDouble());
        }
        System.out.printf("%-11s %24s %10s %14s %14s %12s %11s | %18s %12s %11s %11s%n", "function", "cold start p50 (min-max)", "/ trivial",
                "handler after", "context start", "first (ms)", "warm p50", "primed: priming ms", "first (ms)", "warm p50", "first/warm");
        for (JsonNode row : report.path("functions")) {
            JsonNode primed = row.path("primedAtInit");
            System.out.printf("%-11s %11.0f ms (%.0f-%.0f) %9.2fx %11.0f ms %11.0f ms %12.2f %11.2f | %18.0f %12.2f %11.2f %10.2fx%n",
                    row.path("function").asText(), row.path("coldStartMs").path("p50").asDouble(), row.path("coldStartMs").path("min").asDouble(),
                    row.path("coldStartMs").path("max").asDouble(), row.path("coldStartMs").path("p50").asDouble() / trivialMs,
                    row.path("handlerCreatedAfterJvmStartMs").path("p50").asDouble(), row.path("contextStartMs").path("p50").asDouble(),
                    row.path("firstInvocationMs").path("p50").asDouble(), row.path("warmInvocationMs").path("p50").asDouble(),
                    primed.path("primingMs").path("p50").asDouble(), primed.path("firstInvocationMs").path("p50").asDouble(),
                    primed.path("warmInvocationMs").path("p50").asDouble(),
                    primed.path("firstInvocationMs").path("p50").asDouble() / primed.path("warmInvocationMs").path("p50").asDouble());
        }
        System.out.printf("classes loaded by the first answer: trivial %d", report.path("trivialHandler").path(0).path("classesLoadedByFirstAnswer").asLong());
        for (JsonNode row : report.path("functions")) {
            System.out.printf(", %s %d (primed %d)", row.path("function").asText(), row.path("classesLoadedByFirstAnswer").asLong(),
                    row.path("primedAtInit").path("classesLoadedByFirstAnswer").asLong());
        }
        System.out.println();
        for (JsonNode row : report.path("functions")) {
            System.out.printf("%s warm p99 %.2f ms, mean %.2f ms, %.0f log bytes per warm invocation, peak resident memory %.0f MiB%n",
                    row.path("function").asText(), row.path("warmInvocationMs").path("p99").asDouble(), row.path("warmInvocationMs").path("mean").asDouble(),
                    row.path("logBytesPerWarmInvocation").path("mean").asDouble(), row.path("peakResidentMib").asDouble());
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
