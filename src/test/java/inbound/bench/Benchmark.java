package inbound.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import inbound.embedded.EmbeddedSqsServer;
import inbound.server.InboundServer;
import inbound.testing.FreePort;
import inbound.testing.InboundProcess;
import inbound.testing.Webhooks;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.DoubleStream;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.CreateQueueRequest;
import software.amazon.awssdk.services.sqs.model.DeleteQueueRequest;
import software.amazon.awssdk.services.sqs.model.GetQueueAttributesRequest;
import software.amazon.awssdk.services.sqs.model.GetQueueUrlRequest;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/**
 * The throughput benchmark: in one run, the embedded queue's own capacity (single SendMessage and
 * batches of 10, at the load's concurrency) as the baseline; then a server (its own JVM) driven with
 * signed 2-4 KB webhooks of three providers and many message groups at a series of offered rates —
 * accepted/s, latency percentiles, refusals, end-to-end latency to the processed row, backlog, and the
 * server's resident memory. Writes target/bench/report.json, target/bench/latency.png and latency.svg.
 * Not a test: run it with {@code mvn -q -Pbench verify}.
 */
public final class Benchmark {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String ADMIN_TOKEN = "bench-admin-token";
    /** The JVM options the run command gives the server (pom.xml, exec-maven-plugin), unless bench.serverJvmOptions names others. */
    private static final List<String> SERVER_JVM_OPTIONS = Optional.ofNullable(System.getProperty("bench.serverJvmOptions"))
            .filter(options -> !options.isBlank())
            .map(options -> List.of(options.trim().split("\\s+")))
            .orElseGet(InboundProcess::runCommandJvmOptions);
    private static final Map<String, String> SECRETS = Map.of("shopify", "bench-shopify", "github", "bench-github", "stripe", "whsec_bench");

    private final int concurrency = Integer.getInteger("bench.concurrency", 32);
    private final int stepSeconds = Integer.getInteger("bench.stepSeconds", 8);
    private final int warmupSeconds = Integer.getInteger("bench.warmupSeconds", 30);
    private final int baselineSeconds = Integer.getInteger("bench.baselineSeconds", 5);
    private final boolean worker = Boolean.parseBoolean(System.getProperty("bench.worker", "true"));
    private final Path outputDir = Path.of(System.getProperty("bench.output", "target/bench"));
    private final HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(4)).connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicLong peakRssKb = new AtomicLong();
    /** Numbers every event of the run: Stripe's delivery id comes from it, and must not repeat across steps. */
    private final AtomicInteger events = new AtomicInteger();
    private final AtomicInteger baselineRounds = new AtomicInteger();

    private int httpPort;
    private int sqsPort;
    private Process server;
    private CpuMeter cpu;

    public static void main(String[] args) {
        int status = 0;
        try {
            new Benchmark().run();
        } catch (Exception e) {
            e.printStackTrace();
            status = 1;
        }
        // the load's HTTP client keeps threads that would hold the JVM
        System.exit(status);
    }

    private void run() throws Exception {
        Files.createDirectories(outputDir);
        Files.deleteIfExists(outputDir.resolve("server.log"));
        startServer();
        // an overloaded queue may take long to answer the backlog's count: the run waits rather than fails
        try (SqsClient sqs = EmbeddedSqsServer.client(URI.create("http://127.0.0.1:" + sqsPort), Duration.ofSeconds(120))) {
            System.out.printf("Baseline: the embedded queue alone, %d threads, %d s each%n", concurrency, baselineSeconds);
            // unreported rounds first: the queue's capacity once its code is compiled, not while it is
            baseline(sqs, false, baselineSeconds);
            baseline(sqs, true, baselineSeconds);
            double singlePerSecond = baseline(sqs, false, baselineSeconds);
            double batchPerSecond = baseline(sqs, true, baselineSeconds);
            System.out.printf("  SendMessage: %.0f messages/s   SendMessageBatch(10): %.0f messages/s%n", singlePerSecond, batchPerSecond);
            // after the rounds above, so that both sides' code is compiled: a cold JVM measures its interpreter
            double[] idleLatency = idleLatencyMs(sqs);
            System.out.printf("  idle, one call at a time: GetQueueUrl p50 %.1f ms, SendMessage p50 %.1f ms%n%n", idleLatency[0], idleLatency[1]);

            String queueUrl = sqs.getQueueUrl(GetQueueUrlRequest.builder().queueName("webhook-events.fifo").build()).queueUrl();
            // the server's JIT compiles while it first meets the load: its figures are not the steady state's
            System.out.println("Warm-up (not reported): 100/s for " + warmupSeconds + " s");
            drive(100, warmupSeconds, sqs, queueUrl);
            List<LoadStep> steps = new ArrayList<>();
            for (double rate : offeredRates(batchPerSecond)) {
                LoadStep step = drive(rate, sqs, queueUrl);
                steps.add(step);
                printStep(step);
            }
            // the targets' latencies are at half the peak accepted rate: measured there, not read off the nearest
            // step, on a server started afresh — the overload steps leave five minutes of messages in the
            // embedded queue's heap (its deduplication history), which is not what running at half the peak is
            double halfPeakRate = Math.max(10, Math.round(steps.stream().mapToDouble(LoadStep::acceptedPerSecond).max().orElseThrow() / 2));
            System.out.println("Half of the peak accepted rate, on a fresh server after the same warm-up:");
            stopServer();
            startServer();
            LoadStep halfPeak;
            try (SqsClient fresh = EmbeddedSqsServer.client(URI.create("http://127.0.0.1:" + sqsPort), Duration.ofSeconds(120))) {
                String freshQueueUrl = fresh.getQueueUrl(GetQueueUrlRequest.builder().queueName("webhook-events.fifo").build()).queueUrl();
                drive(100, warmupSeconds, fresh, freshQueueUrl);
                halfPeak = drive(halfPeakRate, fresh, freshQueueUrl);
            }
            printStep(halfPeak);
            steps.add(halfPeak);
            steps.sort(Comparator.comparingDouble(LoadStep::offeredPerSecond));
            ObjectNode report = report(singlePerSecond, batchPerSecond, steps, halfPeak);
            ((ObjectNode) report.path("baseline")).put("idleGetQueueUrlP50Ms", round(idleLatency[0]));
            ((ObjectNode) report.path("baseline")).put("idleSendMessageP50Ms", round(idleLatency[1]));
            Files.writeString(outputDir.resolve("report.json"), JSON.writeValueAsString(report));
            LatencyChart.write(outputDir.resolve("latency.png"), steps, singlePerSecond, batchPerSecond);
            LatencyChart.writeSvg(outputDir.resolve("latency.svg"), steps, singlePerSecond, batchPerSecond);
            System.out.println();
            System.out.println(JSON.writeValueAsString(report.path("targets")));
            System.out.println("Wrote " + outputDir.resolve("report.json") + ", " + outputDir.resolve("latency.png") + " and latency.svg");
        } finally {
            stopServer();
        }
    }

    private void stopServer() throws InterruptedException {
        server.destroy();
        if (!server.waitFor(30, TimeUnit.SECONDS)) {
            server.destroyForcibly();
        }
    }

    /** The offered rates of the steps: bench.rates (comma-separated, per second), else fractions of the queue's batch capacity. */
    private static List<Double> offeredRates(double batchPerSecond) {
        String rates = System.getProperty("bench.rates", "");
        if (!rates.isBlank()) {
            return Arrays.stream(rates.split(",")).map(String::trim).map(Double::valueOf).toList();
        }
        return DoubleStream.of(0.1, 0.25, 0.5, 0.75, 1.0, 1.25).mapToObj(fraction -> Math.max(20, Math.round(batchPerSecond * fraction / 10) * 10.0)).toList();
    }

    private void startServer() throws Exception {
        httpPort = FreePort.find();
        sqsPort = FreePort.find();
        Path data = Files.createTempDirectory("inbound-bench");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(SERVER_JVM_OPTIONS);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), InboundServer.class.getName()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(outputDir.resolve("server.log").toFile()));
        builder.environment().put("INBOUND_HTTP_PORT", String.valueOf(httpPort));
        builder.environment().put("INBOUND_SQS_PORT", String.valueOf(sqsPort));
        builder.environment().put("INBOUND_DATA_DIR", data.toString());
        builder.environment().put("INBOUND_ADMIN_TOKEN", ADMIN_TOKEN);
        builder.environment().put("INBOUND_WORKER_ENABLED", String.valueOf(worker));
        SECRETS.forEach((provider, secret) -> builder.environment().put("INBOUND_PROVIDER_" + provider.toUpperCase() + "_SECRET", secret));
        server = builder.start();
        cpu = new CpuMeter(server.pid());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(base() + "/health")).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    Thread sampler = new Thread(this::sampleRss, "rss-sampler");
                    sampler.setDaemon(true);
                    sampler.start();
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            if (!server.isAlive()) {
                throw new IllegalStateException("the server exited during start-up; see " + outputDir.resolve("server.log"));
            }
            Thread.onSpinWait();
        }
        throw new IllegalStateException("the server did not become healthy within 120 s");
    }

    /** The server's resident memory, sampled from /proc while it runs; the peak is reported. */
    private void sampleRss() {
        Path status = Path.of("/proc", String.valueOf(server.pid()), "status");
        while (server.isAlive()) {
            try {
                for (String line : Files.readAllLines(status)) {
                    if (line.startsWith("VmRSS:")) {
                        long kb = Long.parseLong(line.replaceAll("\\D", ""));
                        peakRssKb.accumulateAndGet(kb, Math::max);
                    }
                }
                TimeUnit.MILLISECONDS.sleep(200);
            } catch (IOException | InterruptedException | NumberFormatException gone) {
                return;
            }
        }
    }

    private String base() {
        return "http://127.0.0.1:" + httpPort;
    }

    /** The queue's own latency with nothing else going on: p50 of 50 sequential calls each, after 10 to warm up. */
    private double[] idleLatencyMs(SqsClient sqs) {
        String url = sqs.createQueue(CreateQueueRequest.builder().queueName("bench-latency.fifo")
                .attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true")).build()).queueUrl();
        double[] getQueueUrl = new double[50];
        double[] sendMessage = new double[50];
        for (int i = -10; i < 50; i++) {
            long start = System.nanoTime();
            sqs.getQueueUrl(GetQueueUrlRequest.builder().queueName("bench-latency.fifo").build());
            long between = System.nanoTime();
            sqs.sendMessage(SendMessageRequest.builder().queueUrl(url).messageBody("{}").messageGroupId("g")
                    .messageDeduplicationId(UUID.randomUUID().toString()).build());
            if (i >= 0) {
                getQueueUrl[i] = (between - start) / 1e6;
                sendMessage[i] = (System.nanoTime() - between) / 1e6;
            }
        }
        sqs.deleteQueue(DeleteQueueRequest.builder().queueUrl(url).build());
        return new double[] {LoadStep.percentile(LoadStep.sorted(getQueueUrl), 0.5), LoadStep.percentile(LoadStep.sorted(sendMessage), 0.5)};
    }

    /**
     * Messages per second the queue takes from {@code concurrency} threads sending as fast as they can,
     * into a queue of its own that is deleted after: the embedded queue holds every message it was
     * sent in the heap (and five minutes of them in its deduplication history), which the server
     * measured next must not inherit.
     */
    private double baseline(SqsClient sqs, boolean batched, int seconds) throws Exception {
        String url = sqs.createQueue(CreateQueueRequest.builder().queueName("bench-baseline-" + (batched ? "batch" : "single") + "-" + baselineRounds.incrementAndGet() + ".fifo")
                .attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true")).build()).queueUrl();
        String body = body("shopify", 0);
        AtomicLong messages = new AtomicLong();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        ExecutorService threads = Executors.newFixedThreadPool(concurrency);
        for (int t = 0; t < concurrency; t++) {
            threads.execute(() -> {
                while (System.nanoTime() < end) {
                    if (batched) {
                        List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
                        for (int i = 0; i < 10; i++) {
                            String id = UUID.randomUUID().toString();
                            entries.add(SendMessageBatchRequestEntry.builder().id("e" + i).messageBody(body)
                                    .messageGroupId("g" + ThreadLocalRandom.current().nextInt(200)).messageDeduplicationId(id).build());
                        }
                        sqs.sendMessageBatch(SendMessageBatchRequest.builder().queueUrl(url).entries(entries).build());
                        messages.addAndGet(10);
                    } else {
                        sqs.sendMessage(SendMessageRequest.builder().queueUrl(url).messageBody(body)
                                .messageGroupId("g" + ThreadLocalRandom.current().nextInt(200)).messageDeduplicationId(UUID.randomUUID().toString()).build());
                        messages.incrementAndGet();
                    }
                }
            });
        }
        threads.shutdown();
        threads.awaitTermination(seconds + 60L, TimeUnit.SECONDS);
        sqs.deleteQueue(DeleteQueueRequest.builder().queueUrl(url).build());
        return messages.get() / (double) seconds;
    }

    private record Sent(String eventId, long scheduledNanos) {
    }

    /** One offered rate for a step, open loop: latency counts from when a request was due, not sent. */
    private LoadStep drive(double rate, SqsClient sqs, String queueUrl) throws Exception {
        return drive(rate, stepSeconds, sqs, queueUrl);
    }

    private LoadStep drive(double rate, int seconds, SqsClient sqs, String queueUrl) throws Exception {
        long backlogBefore = backlog(sqs, queueUrl);
        BlockingQueue<Long> due = new LinkedBlockingQueue<>();
        List<Double> latencies = new CopyOnWriteArrayList<>();
        List<Sent> accepted = new CopyOnWriteArrayList<>();
        Map<Integer, Integer> refused = new ConcurrentHashMap<>();
        AtomicInteger sent = new AtomicInteger();
        int total = (int) Math.round(rate * seconds);
        ExecutorService users = Executors.newFixedThreadPool(concurrency);
        CpuMeter.Reading cpuBefore = cpu.read();
        long start = System.nanoTime();
        for (int u = 0; u < concurrency; u++) {
            users.execute(() -> {
                try {
                    while (true) {
                        Long scheduled = due.poll(2, TimeUnit.SECONDS);
                        if (scheduled == null || scheduled < 0) {
                            return;
                        }
                        sent.incrementAndGet();
                        int n = events.incrementAndGet();
                        String provider = List.of("shopify", "github", "stripe").get(n % 3);
                        HttpResponse<String> response = post(provider, n);
                        double latencyMs = (System.nanoTime() - scheduled) / 1e6;
                        if (response.statusCode() == 202) {
                            latencies.add(latencyMs);
                            accepted.add(new Sent(JSON.readTree(response.body()).path("id").asText(), scheduled));
                        } else {
                            refused.merge(response.statusCode(), 1, Integer::sum);
                        }
                    }
                } catch (Exception e) {
                    refused.merge(-1, 1, Integer::sum);
                }
            });
        }
        for (int i = 0; i < total; i++) {
            long scheduled = start + (long) (i * 1e9 / rate);
            long wait = scheduled - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            due.add(scheduled);
        }
        for (int u = 0; u < concurrency; u++) {
            due.add(-1L);
        }
        users.shutdown();
        users.awaitTermination(120, TimeUnit.SECONDS);
        double elapsed = (System.nanoTime() - start) / 1e9;
        CpuMeter.Usage usage = cpu.read().since(cpuBefore);
        long backlogAfter = backlog(sqs, queueUrl);
        double[] sortedLatencies = LoadStep.sorted(latencies.stream().mapToDouble(Double::doubleValue).toArray());
        double[] endToEnd = endToEnd(accepted);
        return new LoadStep(rate, elapsed, sent.get(), accepted.size(), Map.copyOf(refused), accepted.size() / elapsed,
                LoadStep.percentile(sortedLatencies, 0.5), LoadStep.percentile(sortedLatencies, 0.9), LoadStep.percentile(sortedLatencies, 0.99),
                sortedLatencies.length == 0 ? Double.NaN : sortedLatencies[sortedLatencies.length - 1],
                LoadStep.percentile(endToEnd, 0.5), LoadStep.percentile(endToEnd, 0.99),
                (backlogBefore + accepted.size() - backlogAfter) / elapsed, backlogBefore, backlogAfter,
                usage.serverCores(), usage.loadCores(), usage.machineBusy(),
                accepted.isEmpty() ? Double.NaN : usage.serverCpuSeconds() * 1000 / accepted.size());
    }

    /**
     * End-to-end latencies (received at ingest → processed row) of up to 100 accepted events spread over
     * the step, sorted.
     */
    private double[] endToEnd(List<Sent> accepted) throws Exception {
        if (accepted.isEmpty()) {
            return new double[0];
        }
        int samples = Math.min(100, accepted.size());
        List<Double> latencies = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        for (int i = 0; i < samples; i++) {
            Sent event = accepted.get((int) ((long) i * (accepted.size() - 1) / Math.max(1, samples - 1)));
            JsonNode status = null;
            while (System.nanoTime() < deadline) {
                status = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(base() + "/events/" + event.eventId()))
                        .header("Authorization", "Bearer " + ADMIN_TOKEN).build(), HttpResponse.BodyHandlers.ofString()).body());
                if ("processed".equals(status.path("status").asText())) {
                    break;
                }
                TimeUnit.MILLISECONDS.sleep(50);
            }
            if (status == null || !"processed".equals(status.path("status").asText())) {
                continue;
            }
            Instant received = Instant.parse(status.path("receivedAt").asText());
            Instant processed = Instant.parse(status.path("updatedAt").asText());
            latencies.add((double) Duration.between(received, processed).toMillis());
        }
        return LoadStep.sorted(latencies.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private long backlog(SqsClient sqs, String queueUrl) {
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(GetQueueAttributesRequest.builder().queueUrl(queueUrl)
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)
                .build()).attributes();
        return Long.parseLong(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Long.parseLong(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    private HttpResponse<String> post(String provider, int n) throws Exception {
        byte[] body = body(provider, n).getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + "/webhooks/" + provider))
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofByteArray(body)).header("Content-Type", "application/json");
        Webhooks.provider(provider).signature().sign(body, null, SECRETS.get(provider).getBytes(StandardCharsets.UTF_8), Instant.now())
                .forEach(request::header);
        String delivery = UUID.randomUUID().toString();
        switch (provider) {
            case "shopify" -> request.header("X-Shopify-Topic", "orders/create").header("X-Shopify-Webhook-Id", delivery)
                    .header("X-Shopify-Shop-Domain", "shop-" + (n % 200) + ".myshopify.com");
            case "github" -> request.header("X-GitHub-Event", "push").header("X-GitHub-Delivery", delivery);
            default -> { }
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A realistic 2-4 KB body of the provider's kind, valid against its shipped schema; the group varies with n. */
    private static String body(String provider, int n) {
        int items = 6 + (n % 8);
        StringBuilder lineItems = new StringBuilder();
        StringBuilder commits = new StringBuilder();
        for (int i = 0; i < items; i++) {
            String separator = i == 0 ? "" : ",";
            lineItems.append(separator).append("{\"id\": ").append(866550311766439020L + i)
                    .append(", \"product_id\": 632910392, \"title\": \"IPod Nano - 8GB\", \"quantity\": 1, \"price\": \"199.00\", \"sku\": \"IPOD2008PINK\", \"vendor\": \"Apple\"}");
            commits.append(separator).append("{\"id\": \"").append(String.format("%040x", n * 31L + i))
                    .append("\", \"message\": \"Update the README with the latest figures\", \"timestamp\": \"2026-11-29T10:00:00Z\", \"author\": {\"name\": \"Octo Cat\", \"email\": \"octocat@example.com\"}}");
        }
        return switch (provider) {
            case "shopify" -> "{\"id\": " + (820982911946154508L + n) + ", \"admin_graphql_api_id\": \"gid://shopify/Order/" + n
                    + "\", \"created_at\": \"2026-11-29T10:00:00-05:00\", \"currency\": \"USD\", \"total_price\": \"199.00\", \"line_items\": [" + lineItems + "]}";
            case "github" -> "{\"ref\": \"refs/heads/main\", \"before\": \"6113728f27ae82c7b1a177c8d03f9e96e0adf246\", \"after\": \"" + String.format("%040x", (long) n)
                    + "\", \"repository\": {\"id\": 1296269, \"full_name\": \"octo-org/repo-" + (n % 150) + "\"}, \"commits\": [" + commits + "]}";
            default -> "{\"id\": \"evt_" + n + "\", \"object\": \"event\", \"type\": \"invoice.paid\", \"created\": 1764410000, \"data\": {\"object\": {\"id\": \"in_" + n
                    + "\", \"customer\": \"cus_" + (n % 250) + "\", \"lines\": [" + lineItems + "]}}}";
        };
    }

    private void printStep(LoadStep step) {
        if (step.offeredPerSecond() == 0) {
            return;
        }
        System.out.printf("offered %6.0f/s  accepted %6.0f/s  p50 %6.1f  p90 %6.1f  p99 %7.1f  max %7.1f ms  e2e p50 %6.0f p99 %6.0f ms  processed %6.0f/s  backlog %d -> %d  refused %s"
                        + "  cpu: server %.2f cores (%.1f ms/event), load %.2f cores, machine %.0f%% busy%n",
                step.offeredPerSecond(), step.acceptedPerSecond(), step.p50Ms(), step.p90Ms(), step.p99Ms(), step.maxMs(),
                step.endToEndP50Ms(), step.endToEndP99Ms(), step.processedPerSecond(), step.backlogBefore(), step.backlogAfter(), step.refusedByStatus(),
                step.serverCores(), step.serverCpuMsPerAcceptedEvent(), step.loadCores(), step.machineBusy() * 100);
    }

    private ObjectNode report(double single, double batch, List<LoadStep> steps, LoadStep half) {
        ObjectNode report = JSON.createObjectNode();
        ObjectNode machine = report.putObject("machine");
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        machine.put("when", Instant.now().toString());
        ObjectNode settings = report.putObject("settings");
        settings.put("concurrency", concurrency);
        settings.put("stepSeconds", stepSeconds);
        settings.put("warmupSeconds", warmupSeconds);
        settings.put("queue", "embedded ElasticMQ (H2 persistence, written to its file in the background; ingest checkpoints it before each 202)");
        settings.put("groupCommit", "on: batches of up to 10, 2 ms linger, 4 senders, 503 past 1 s of waiting (application.properties)");
        settings.put("worker", "2 consumers, up to 10 messages per receive, H2 database (application.properties)");
        settings.put("serverJvmOptions", String.join(" ", SERVER_JVM_OPTIONS));
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
        targets.put("serverPeakRssMiB", peakRssKb.get() / 1024);
        return report;
    }

    /** Two decimals; NaN (no accepted request to measure) stays NaN, which the report writes as "NaN". */
    private static double round(double value) {
        return Double.isNaN(value) ? value : Math.round(value * 100) / 100.0;
    }
}
