package inbound.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.DoubleStream;

/**
 * The throughput benchmark of the whole system: in one run, the embedded queue's own capacity
 * (single SendMessage and batches of 10, at the load's concurrency) as the baseline; then a server
 * (its own JVM) driven with signed 2-4 KB webhooks of three providers and many message groups at a
 * series of offered rates — accepted/s, latency percentiles, refusals, end-to-end latency to the
 * processed row, backlog, and the server's resident memory. Writes target/bench/report.json,
 * target/bench/latency.png and latency.svg. Not a test: run it with {@code mvn -q -Pbench verify}.
 */
public final class Benchmark {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final int stepSeconds = BenchOptions.STEP_SECONDS;
    private final int warmupSeconds = BenchOptions.WARMUP_SECONDS;
    private final int baselineSeconds = BenchOptions.BASELINE_SECONDS;
    private final boolean worker = Boolean.parseBoolean(System.getProperty("bench.worker", "true"));
    private final Path outputDir = BenchOptions.OUTPUT_DIR;
    private final WebhookLoad load = new WebhookLoad(BenchOptions.CONCURRENCY);
    private int servers;

    public static void main(String[] args) {
        BenchOptions.runThenExit(() -> new Benchmark().run());
    }

    private void run() throws Exception {
        Files.createDirectories(outputDir);
        List<LoadStep> steps = new ArrayList<>();
        double singlePerSecond;
        double batchPerSecond;
        double[] idleLatency;
        long peakRssMiB;
        try (BenchServer server = startServer()) {
            System.out.printf("Baseline: the embedded queue alone, %d threads, %d s each%n", load.concurrency(), baselineSeconds);
            QueueCapacity queue = new QueueCapacity(server.sqs(), WebhookLoad.body("shopify", 0));
            // unreported rounds first: the queue's capacity once its code is compiled, not while it is
            queue.sendPerSecond(false, load.concurrency(), baselineSeconds);
            queue.sendPerSecond(true, load.concurrency(), baselineSeconds);
            singlePerSecond = queue.sendPerSecond(false, load.concurrency(), baselineSeconds);
            batchPerSecond = queue.sendPerSecond(true, load.concurrency(), baselineSeconds);
            System.out.printf("  SendMessage: %.0f messages/s   SendMessageBatch(10): %.0f messages/s%n", singlePerSecond, batchPerSecond);
            // after the rounds above, so that both sides' code is compiled: a cold JVM measures its interpreter
            idleLatency = queue.idleLatencyMs();
            System.out.printf("  idle, one call at a time: GetQueueUrl p50 %.1f ms, SendMessage p50 %.1f ms%n%n", idleLatency[0], idleLatency[1]);

            // the server's JIT compiles while it first meets the load: its figures are not the steady state's
            System.out.println("Warm-up (not reported): 100/s for " + warmupSeconds + " s");
            load.drive(server, 100, warmupSeconds, worker);
            for (double rate : offeredRates(batchPerSecond)) {
                LoadStep step = load.drive(server, rate, stepSeconds, worker);
                steps.add(step);
                WebhookLoad.print(step);
            }
            peakRssMiB = server.peakRssMiB();
        }
        // the targets' latencies are at half the peak accepted rate: measured there, not read off the nearest
        // step, on a server started afresh — the overload steps leave five minutes of messages in the
        // embedded queue's heap (its deduplication history), which is not what running at half the peak is
        double halfPeakRate = Math.max(10, Math.round(steps.stream().mapToDouble(LoadStep::acceptedPerSecond).max().orElseThrow() / 2));
        System.out.println("Half of the peak accepted rate, on a fresh server after the same warm-up:");
        LoadStep halfPeak;
        try (BenchServer fresh = startServer()) {
            load.drive(fresh, 100, warmupSeconds, worker);
            halfPeak = load.drive(fresh, halfPeakRate, stepSeconds, worker);
            peakRssMiB = Math.max(peakRssMiB, fresh.peakRssMiB());
        }
        WebhookLoad.print(halfPeak);
        steps.add(halfPeak);
        steps.sort(Comparator.comparingDouble(LoadStep::offeredPerSecond));
        ObjectNode report = report(singlePerSecond, batchPerSecond, steps, halfPeak, peakRssMiB);
        ((ObjectNode) report.path("baseline")).put("idleGetQueueUrlP50Ms", round(idleLatency[0]));
        ((ObjectNode) report.path("baseline")).put("idleSendMessageP50Ms", round(idleLatency[1]));
        Files.writeString(outputDir.resolve("report.json"), JSON.writeValueAsString(report));
        LatencyChart.write(outputDir.resolve("latency.png"), steps, singlePerSecond, batchPerSecond);
        LatencyChart.writeSvg(outputDir.resolve("latency.svg"), steps, singlePerSecond, batchPerSecond);
        System.out.println();
        System.out.println(JSON.writeValueAsString(report.path("targets")));
        System.out.println("Wrote " + outputDir.resolve("report.json") + ", " + outputDir.resolve("latency.png") + " and latency.svg");
    }

    private BenchServer startServer() throws Exception {
        return BenchServer.start(null, worker, BenchOptions.serverJvmOptions(), WebhookLoad.SECRETS, outputDir.resolve("server-" + ++servers + ".log"));
    }

    /** The offered rates of the steps: bench.rates (comma-separated, per second), else fractions of the queue's batch capacity. */
    private static List<Double> offeredRates(double batchPerSecond) {
        String rates = System.getProperty("bench.rates", "");
        if (!rates.isBlank()) {
            return Arrays.stream(rates.split(",")).map(String::trim).map(Double::valueOf).toList();
        }
        return DoubleStream.of(0.1, 0.25, 0.5, 0.75, 1.0, 1.25).mapToObj(fraction -> Math.max(20, Math.round(batchPerSecond * fraction / 10) * 10.0)).toList();
    }

    private ObjectNode report(double single, double batch, List<LoadStep> steps, LoadStep half, long peakRssMiB) {
        ObjectNode report = BenchOptions.machine(JSON);
        ObjectNode settings = report.putObject("settings");
        settings.put("concurrency", load.concurrency());
        settings.put("stepSeconds", stepSeconds);
        settings.put("warmupSeconds", warmupSeconds);
        settings.put("queue", "embedded ElasticMQ (H2 persistence, written to its file in the background; ingest checkpoints it before each 202)");
        settings.put("groupCommit", "on: batches of up to 10, 2 ms linger, 4 senders, 503 past 1 s of waiting (application.properties)");
        settings.put("worker", "2 consumers, up to 10 messages per receive, H2 database (application.properties)");
        settings.put("serverJvmOptions", String.join(" ", BenchOptions.serverJvmOptions()));
        settings.put("bodies", "2-4 KB JSON, shopify/github/stripe, 200/150/250 message groups");
        ObjectNode baseline = report.putObject("baseline");
        baseline.put("sendMessagePerSecond", Math.round(single));
        baseline.put("sendMessageBatchMessagesPerSecond", Math.round(batch));
        ArrayNode rows = report.putArray("steps");
        steps.forEach(step -> rows.add(JSON.valueToTree(step)));

        LoadStep peak = steps.stream().max((a, b) -> Double.compare(a.acceptedPerSecond(), b.acceptedPerSecond())).orElseThrow();
        ObjectNode targets = report.putObject("targets");
        targets.put("peakAcceptedPerSecond", Math.round(peak.acceptedPerSecond()));
        targets.put("peakOverBatchCapacity", round(peak.acceptedPerSecond() / batch));
        targets.put("peakOverSingleCallRate", round(peak.acceptedPerSecond() / single));
        targets.put("halfPeakOfferedPerSecond", half.offeredPerSecond());
        targets.put("halfPeakP99Ms", round(half.p99Ms()));
        targets.put("halfPeakEndToEndP99Ms", round(half.endToEndP99Ms()));
        targets.put("halfPeakBacklogGrowth", half.backlogAfter() - half.backlogBefore());
        targets.put("serverPeakRssMiB", peakRssMiB);
        return report;
    }

    /** Two decimals; NaN (no accepted request to measure) stays NaN, which the report writes as "NaN". */
    static double round(double value) {
        return Double.isNaN(value) ? value : Math.round(value * 100) / 100.0;
    }
}
