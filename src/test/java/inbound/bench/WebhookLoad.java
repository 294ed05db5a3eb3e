package inbound.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import inbound.testing.Webhooks;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The load the benchmarks offer: signed 2-4 KB webhooks of shopify, github and stripe over many
 * message groups, each with its own delivery id, sent open loop at a rate by a fixed number of
 * concurrent senders, with what each offered rate produced.
 */
final class WebhookLoad {

    static final Map<String, String> SECRETS = Map.of("shopify", "bench-shopify", "github", "bench-github", "stripe", "whsec_bench");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> PROVIDERS = List.of("shopify", "github", "stripe");

    private final int concurrency;
    private final HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(4)).connectTimeout(Duration.ofSeconds(5)).build();
    /** Numbers every event of the run: Stripe's delivery id comes from it, and must not repeat across steps or servers. */
    private final AtomicInteger events = new AtomicInteger();

    WebhookLoad(int concurrency) {
        this.concurrency = concurrency;
    }

    int concurrency() {
        return concurrency;
    }

    private record Sent(String eventId, long scheduledNanos) {
    }

    /**
     * One offered rate for {@code seconds}, open loop: latency counts from when a request was due, not
     * sent. With {@code endToEnd}, up to 100 accepted events spread over the step are followed to their
     * processed row (a server without its worker has none).
     */
    LoadStep drive(BenchServer server, double rate, int seconds, boolean endToEnd) throws Exception {
        long backlogBefore = server.backlog();
        BlockingQueue<Long> due = new LinkedBlockingQueue<>();
        List<Double> latencies = new CopyOnWriteArrayList<>();
        List<Sent> accepted = new CopyOnWriteArrayList<>();
        Map<Integer, Integer> refused = new ConcurrentHashMap<>();
        AtomicInteger sent = new AtomicInteger();
        int total = (int) Math.round(rate * seconds);
        ExecutorService users = Executors.newFixedThreadPool(concurrency);
        CpuMeter.Reading cpuBefore = server.cpu();
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
                        HttpResponse<String> response = post(server, PROVIDERS.get(n % PROVIDERS.size()), n);
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
        CpuMeter.Usage usage = server.cpu().since(cpuBefore);
        long backlogAfter = server.backlog();
        double[] sortedLatencies = LoadStep.sorted(latencies.stream().mapToDouble(Double::doubleValue).toArray());
        double[] endToEndMs = endToEnd ? endToEnd(server, accepted) : new double[0];
        return new LoadStep(rate, elapsed, sent.get(), accepted.size(), Map.copyOf(refused), accepted.size() / elapsed,
                LoadStep.percentile(sortedLatencies, 0.5), LoadStep.percentile(sortedLatencies, 0.9), LoadStep.percentile(sortedLatencies, 0.99),
                sortedLatencies.length == 0 ? Double.NaN : sortedLatencies[sortedLatencies.length - 1],
                LoadStep.percentile(endToEndMs, 0.5), LoadStep.percentile(endToEndMs, 0.99),
                (backlogBefore + accepted.size() - backlogAfter) / elapsed, backlogBefore, backlogAfter,
                usage.serverCores(), usage.loadCores(), usage.machineBusy(),
                accepted.isEmpty() ? Double.NaN : usage.serverCpuSeconds() * 1000 / accepted.size());
    }

    /** End-to-end latencies (received at ingest → processed row) of up to 100 accepted events spread over the step, sorted. */
    private double[] endToEnd(BenchServer server, List<Sent> accepted) throws Exception {
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
                status = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(server.base() + "/events/" + event.eventId()))
                        .header("Authorization", "Bearer " + BenchServer.ADMIN_TOKEN).build(), HttpResponse.BodyHandlers.ofString()).body());
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

    private HttpResponse<String> post(BenchServer server, String provider, int n) throws Exception {
        byte[] body = body(provider, n).getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.base() + "/webhooks/" + provider))
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
    static String body(String provider, int n) {
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

    /** The table row a step prints. */
    static void print(LoadStep step) {
        System.out.printf("offered %6.0f/s  accepted %6.0f/s  p50 %6.1f  p90 %6.1f  p99 %7.1f  max %7.1f ms  e2e p50 %6.0f p99 %6.0f ms  processed %6.0f/s  backlog %d -> %d  refused %s"
                        + "  cpu: server %.2f cores (%.1f ms/event), load %.2f cores, machine %.0f%% busy%n",
                step.offeredPerSecond(), step.acceptedPerSecond(), step.p50Ms(), step.p90Ms(), step.p99Ms(), step.maxMs(),
                step.endToEndP50Ms(), step.endToEndP99Ms(), step.processedPerSecond(), step.backlogBefore(), step.backlogAfter(), step.refusedByStatus(),
                step.serverCores(), step.serverCpuMsPerAcceptedEvent(), step.loadCores(), step.machineBusy() * 100);
    }
}
