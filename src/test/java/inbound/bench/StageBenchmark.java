package inbound.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import inbound.testing.HeapAfterFullCollection;
import inbound.testing.InboundProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.services.sqs.model.GetQueueUrlRequest;

/**
 * Each stage of the server shape against its own ceiling, in one run, each ceiling measured in the
 * same run on the same embedded queue: ingest alone (no worker) against the queue's SendMessageBatch
 * and single SendMessage capacity, with the latency of the 202s at half its peak; the worker alone,
 * draining a queue that ingest filled, against the queue's own receive-and-delete capacity at the
 * worker's batch size and consumers; Inbound's own CPU per event for each (the server's CPU less the
 * embedded queue's threads), thread group by thread group; and a whole-system run at a steady rate
 * with the quick JIT only and with the optimising one, minute by minute, ending with the
 * live heap that the embedded queue's five-minute history holds at that rate. Writes
 * target/bench/stages.json. Not a test: run it with {@code mvn -q -Pstage-bench -DskipTests verify}.
 */
public final class StageBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** The worker's consumers as application.properties sets them (each receives up to ten): the receive-and-delete ceiling uses the same. */
    private static final int WORKER_CONSUMERS = 2;
    /** The share of the heap past which ingest refuses after a collection (inbound.ingest.max-heap-percent-after-gc). */
    private static final double HEAP_GUARD = 0.85;

    private final int stepSeconds = BenchOptions.STEP_SECONDS;
    private final int warmupSeconds = BenchOptions.WARMUP_SECONDS;
    private final int baselineSeconds = BenchOptions.BASELINE_SECONDS;
    private final int drainEvents = Integer.getInteger("bench.drainEvents", 20_000);
    private final int soakMinutes = Integer.getInteger("bench.soakMinutes", 10);
    private final int soakRate = Integer.getInteger("bench.soakRate", 100);
    private final Path outputDir = BenchOptions.OUTPUT_DIR;
    private final WebhookLoad load = new WebhookLoad(BenchOptions.CONCURRENCY);
    private final ObjectNode report = BenchOptions.machine(JSON);
    private int servers;

    public static void main(String[] args) {
        BenchOptions.runThenExit(() -> new StageBenchmark().run());
    }

    private void run() throws Exception {
        Files.createDirectories(outputDir);
        ObjectNode settings = report.putObject("settings");
        settings.put("concurrency", load.concurrency());
        settings.put("stepSeconds", stepSeconds);
        settings.put("warmupSeconds", warmupSeconds);
        settings.put("drainEvents", drainEvents);
        settings.put("soakMinutes", soakMinutes);
        settings.put("soakRate", soakRate);
        settings.put("serverJvmOptions", String.join(" ", BenchOptions.serverJvmOptions()));
        double peak = ingestAlone();
        workerAlone(peak);
        if (soakMinutes > 0) {
            ArrayNode soaks = report.putArray("wholeSystem");
            List<String> optimising = BenchOptions.serverJvmOptions().stream().filter(option -> !option.startsWith("-XX:TieredStopAtLevel")).toList();
            List<String> quick = new ArrayList<>(optimising);
            quick.add(InboundProcess.QUICK_JIT);
            soaks.add(soak(quick));
            soaks.add(soak(optimising));
        }
        Files.writeString(outputDir.resolve("stages.json"), JSON.writeValueAsString(report));
        System.out.println(JSON.writeValueAsString(report.path("targets")));
        System.out.println("Wrote " + outputDir.resolve("stages.json"));
    }

    /** Ingest with no worker: the queue's ceilings, the peak accepted rate, and a fresh server at half of it. Returns the peak. */
    private double ingestAlone() throws Exception {
        ObjectNode ingest = report.putObject("ingestAlone");
        double single;
        double batch;
        List<LoadStep> steps = new ArrayList<>();
        try (BenchServer server = start(null, false, BenchOptions.serverJvmOptions())) {
            QueueCapacity queue = new QueueCapacity(server.sqs(), WebhookLoad.body("shopify", 0));
            System.out.printf("The embedded queue alone: %d senders, %d s each%n", load.concurrency(), baselineSeconds);
            // unreported rounds first: the queue's capacity once its code is compiled, not while it is
            queue.sendPerSecond(false, load.concurrency(), baselineSeconds);
            queue.sendPerSecond(true, load.concurrency(), baselineSeconds);
            single = queue.sendPerSecond(false, load.concurrency(), baselineSeconds);
            batch = queue.sendPerSecond(true, load.concurrency(), baselineSeconds);
            System.out.printf("  SendMessage %.0f/s, SendMessageBatch(10) %.0f/s%n", single, batch);
            ObjectNode ceilings = report.putObject("queueCeilings");
            ceilings.put("sendMessagePerSecond", Math.round(single));
            ceilings.put("sendMessageBatchMessagesPerSecond", Math.round(batch));

            System.out.println("Ingest alone (no worker), warm-up (not reported): 100/s for " + warmupSeconds + " s");
            load.drive(server, 100, warmupSeconds, false);
            ArrayNode rows = ingest.putArray("steps");
            for (double fraction : new double[] {0.25, 0.5, 0.75, 1.0, 1.25}) {
                LoadStep step = load.drive(server, Math.max(20, Math.round(batch * fraction / 10) * 10.0), stepSeconds, false);
                steps.add(step);
                rows.add(JSON.valueToTree(step));
                WebhookLoad.print(step);
            }
        }
        double peak = steps.stream().mapToDouble(LoadStep::acceptedPerSecond).max().orElseThrow();
        double halfPeakRate = Math.max(10, Math.round(peak / 2));
        System.out.println("Ingest alone at half its peak, on a fresh server after the same warm-up:");
        try (BenchServer fresh = start(null, false, BenchOptions.serverJvmOptions())) {
            load.drive(fresh, 100, warmupSeconds, false);
            Measured half = measured(fresh, () -> load.drive(fresh, halfPeakRate, stepSeconds, false));
            WebhookLoad.print(half.step());
            ObjectNode halfPeak = ingest.putObject("halfPeak");
            halfPeak.set("step", JSON.valueToTree(half.step()));
            halfPeak.set("cpu", cpuReport(half.threads(), half.step().accepted()));
            // a step of its own, so that the recording's cost is not in the figures above
            halfPeak.set("profile", new JfrProfile(fresh.pid(), new ThreadCpu(fresh.pid(), fresh.dataDir()), outputDir.resolve("ingest.jfr"))
                    .during(() -> load.drive(fresh, halfPeakRate, 3 * stepSeconds, false), JSON));
            ObjectNode targets = report.putObject("targets");
            targets.put("ingestPeakAcceptedPerSecond", Math.round(peak));
            targets.put("ingestPeakOverBatchCapacity", Benchmark.round(peak / batch));
            targets.put("ingestPeakOverSingleCallCapacity", Benchmark.round(peak / single));
            targets.put("ingestHalfPeakP99Ms", Benchmark.round(half.step().p99Ms()));
            targets.put("ingestInboundCpuMsPerEvent", Benchmark.round(half.threads().inboundSeconds() * 1000 / half.step().accepted()));
        }
        return peak;
    }

    /**
     * The worker alone: ingest (no worker) fills the queue with twice the drain's events; the first half
     * is received and deleted as the worker would, without processing, for the ceiling; then a server
     * with its worker takes over the same data dir and drains the other half.
     */
    private void workerAlone(double ingestPeak) throws Exception {
        double fillRate = Math.max(20, Math.round(ingestPeak * 0.8));
        int fillSeconds = (int) Math.ceil(2 * drainEvents / fillRate);
        System.out.printf("Worker alone: ingest fills the queue with ~%d events at %.0f/s; the queue's own receive-and-delete takes half, the worker the rest%n",
                2 * drainEvents, fillRate);
        Path data;
        double receiveAndDelete;
        try (BenchServer filler = start(null, false, BenchOptions.serverJvmOptions())) {
            load.drive(filler, fillRate, fillSeconds, false);
            String queueUrl = filler.sqs().getQueueUrl(GetQueueUrlRequest.builder().queueName(BenchServer.QUEUE_NAME).build()).queueUrl();
            QueueCapacity queue = new QueueCapacity(filler.sqs(), WebhookLoad.body("shopify", 0));
            // an unreported tenth first, as for the sends: the queue's receive path compiled
            queue.receiveAndDeletePerSecond(queueUrl, drainEvents / 10, WORKER_CONSUMERS);
            receiveAndDelete = queue.receiveAndDeletePerSecond(queueUrl, drainEvents * 9 / 10, WORKER_CONSUMERS);
            data = filler.dataDir();
        }
        System.out.printf("  ReceiveMessage(10) + DeleteMessageBatch, %d consumers: %.0f messages/s%n", WORKER_CONSUMERS, receiveAndDelete);
        ((ObjectNode) report.path("queueCeilings")).put("receiveAndDeleteMessagesPerSecond", Math.round(receiveAndDelete));
        try (BenchServer worker = start(data, true, BenchOptions.serverJvmOptions())) {
            long initial = worker.backlog();
            // the first quarter of the drain is the worker's warm-up (its JIT compiles while it meets the load); the last is profiled
            long from = awaitBacklog(worker, initial * 3 / 4);
            ThreadCpu threads = new ThreadCpu(worker.pid(), worker.dataDir());
            ThreadCpu.Window window = threads.start();
            CpuMeter.Reading cpuBefore = worker.cpu();
            long start = System.nanoTime();
            long left = awaitBacklog(worker, initial / 4);
            double seconds = (System.nanoTime() - start) / 1e9;
            CpuMeter.Usage usage = worker.cpu().since(cpuBefore);
            ThreadCpu.Usage used = window.stop(usage.serverCpuSeconds());
            long processed = from - left;
            double perSecond = processed / seconds;
            System.out.printf("  backlog %d at start; measured from %d to %d: %.0f processed/s = %.2f x the queue's receive-and-delete capacity; server %.2f cores, machine %.0f%% busy%n",
                    initial, from, left, perSecond, perSecond / receiveAndDelete, usage.serverCores(), usage.machineBusy() * 100);
            ObjectNode drain = report.putObject("workerAlone");
            drain.put("backlogAtStart", initial);
            drain.put("measuredFrom", from);
            drain.put("measuredTo", left);
            drain.put("seconds", Benchmark.round(seconds));
            drain.put("processedPerSecond", Math.round(perSecond));
            drain.put("serverCores", Benchmark.round(usage.serverCores()));
            drain.put("machineBusy", Benchmark.round(usage.machineBusy()));
            drain.set("cpu", cpuReport(used, processed));
            // the rest of the drain, so that the recording's cost is not in the figures above
            drain.set("profile", new JfrProfile(worker.pid(), threads, outputDir.resolve("worker.jfr")).during(() -> awaitBacklog(worker, 0), JSON));
            ObjectNode targets = (ObjectNode) report.path("targets");
            targets.put("receiveAndDeleteCapacity", Math.round(receiveAndDelete));
            targets.put("workerProcessedPerSecond", Math.round(perSecond));
            targets.put("workerOverReceiveAndDeleteCapacity", Benchmark.round(perSecond / receiveAndDelete));
            targets.put("workerInboundCpuMsPerEvent", Benchmark.round(used.inboundSeconds() * 1000 / processed));
        }
    }

    /** Polls the server's backlog until it is at most {@code atMost}, and returns it. */
    private static long awaitBacklog(BenchServer server, long atMost) throws InterruptedException {
        long backlog = server.backlog();
        while (backlog > atMost) {
            TimeUnit.MILLISECONDS.sleep(200);
            backlog = server.backlog();
        }
        return backlog;
    }

    /** The whole system at a steady rate for the soak's minutes with these JVM options: CPU per event minute by minute, then the live heap. */
    private ObjectNode soak(List<String> jvmOptions) throws Exception {
        ObjectNode soak = JSON.createObjectNode();
        soak.put("serverJvmOptions", String.join(" ", jvmOptions));
        soak.put("ratePerSecond", soakRate);
        System.out.printf("Whole system at %d/s for %d min, %s%n", soakRate, soakMinutes, String.join(" ", jvmOptions));
        try (BenchServer server = start(null, true, jvmOptions)) {
            long idleMiB = HeapAfterFullCollection.bytes(server.pid()) >> 20;
            long maxMiB = HeapAfterFullCollection.maxBytes(server.pid()) >> 20;
            soak.put("idleLiveHeapMiB", idleMiB);
            soak.put("maxHeapMiB", maxMiB);
            ArrayNode minutes = soak.putArray("minutes");
            for (int minute = 1; minute <= soakMinutes; minute++) {
                Measured measured = measured(server, () -> load.drive(server, soakRate, 60, false));
                LoadStep step = measured.step();
                double processCpuMs = measured.threads().processSeconds() * 1000 / step.accepted();
                double inboundCpuMs = measured.threads().inboundSeconds() * 1000 / step.accepted();
                System.out.printf("  minute %2d: accepted %.0f/s p99 %.1f ms max %.0f ms, processed %.0f/s, backlog %d; server %.2f ms/event, Inbound %.2f ms/event, machine %.0f%% busy%n",
                        minute, step.acceptedPerSecond(), step.p99Ms(), step.maxMs(), step.processedPerSecond(), step.backlogAfter(), processCpuMs, inboundCpuMs,
                        step.machineBusy() * 100);
                ObjectNode row = minutes.addObject();
                row.put("minute", minute);
                row.put("acceptedPerSecond", Benchmark.round(step.acceptedPerSecond()));
                row.put("p99Ms", Benchmark.round(step.p99Ms()));
                row.put("maxMs", Benchmark.round(step.maxMs()));
                row.put("seconds", Benchmark.round(step.seconds()));
                row.put("processedPerSecond", Benchmark.round(step.processedPerSecond()));
                row.put("backlogAfter", step.backlogAfter());
                row.set("refused", JSON.valueToTree(step.refusedByStatus()));
                row.put("serverCpuMsPerEvent", Benchmark.round(processCpuMs));
                row.put("inboundCpuMsPerEvent", Benchmark.round(inboundCpuMs));
                row.put("machineBusy", Benchmark.round(step.machineBusy()));
                if (minute == soakMinutes) {
                    row.set("cpu", cpuReport(measured.threads(), step.accepted()));
                }
            }
            long loadedMiB = HeapAfterFullCollection.bytes(server.pid()) >> 20;
            // past five minutes at a steady rate the embedded queue's deduplication history is as long as it gets
            double perEventPerSecondMiB = (loadedMiB - idleMiB) / (double) soakRate;
            soak.put("liveHeapAtRateMiB", loadedMiB);
            soak.put("liveHeapMiBPerEventPerSecond", Benchmark.round(perEventPerSecondMiB));
            soak.put("sustainedPerSecondBeforeHeapGuard", Math.round((HEAP_GUARD * maxMiB - idleMiB) / perEventPerSecondMiB));
            soak.put("peakRssMiB", server.peakRssMiB());
            System.out.printf("  live heap: %d MiB idle, %d MiB after %d min at %d/s (%.2f MiB per event/s): the heap guard (%.0f %% of %d MiB) holds off until ~%d/s%n",
                    idleMiB, loadedMiB, soakMinutes, soakRate, perEventPerSecondMiB, HEAP_GUARD * 100, maxMiB,
                    soak.path("sustainedPerSecondBeforeHeapGuard").asLong());
        }
        return soak;
    }

    private record Measured(LoadStep step, ThreadCpu.Usage threads) {
    }

    /** A step with the server's CPU taken thread by thread around it. */
    private static Measured measured(BenchServer server, Callable<LoadStep> step) throws Exception {
        ThreadCpu.Window window = new ThreadCpu(server.pid(), server.dataDir()).start();
        CpuMeter.Reading cpuBefore = server.cpu();
        LoadStep done = step.call();
        return new Measured(done, window.stop(server.cpu().since(cpuBefore).serverCpuSeconds()));
    }

    /** CPU ms per event: the server's, the embedded queue's, Inbound's own, and each thread group's. */
    private static ObjectNode cpuReport(ThreadCpu.Usage usage, long events) {
        ObjectNode cpu = JSON.createObjectNode();
        cpu.put("events", events);
        cpu.put("serverMsPerEvent", Benchmark.round(usage.processSeconds() * 1000 / events));
        cpu.put("embeddedQueueMsPerEvent", Benchmark.round(usage.queueSeconds() * 1000 / events));
        cpu.put("inboundMsPerEvent", Benchmark.round(usage.inboundSeconds() * 1000 / events));
        cpu.put("unattributedMsPerEvent", Benchmark.round(usage.unattributedSeconds() * 1000 / events));
        ObjectNode groups = cpu.putObject("threadGroupsMsPerEvent");
        usage.secondsByGroup().forEach((group, seconds) -> {
            double msPerEvent = seconds * 1000 / events;
            if (msPerEvent >= 0.01) {
                groups.put(group, Benchmark.round(msPerEvent));
            }
        });
        System.out.printf("    CPU per event: server %.2f ms = embedded queue %.2f + Inbound %.2f + threads that ended unsampled %.2f; by thread group: %s%n",
                usage.processSeconds() * 1000 / events, usage.queueSeconds() * 1000 / events, usage.inboundSeconds() * 1000 / events,
                usage.unattributedSeconds() * 1000 / events, groups);
        return cpu;
    }

    private BenchServer start(Path dataDir, boolean worker, List<String> jvmOptions) throws Exception {
        return BenchServer.start(dataDir, worker, jvmOptions, WebhookLoad.SECRETS, outputDir.resolve("stage-server-" + ++servers + ".log"));
    }
}
