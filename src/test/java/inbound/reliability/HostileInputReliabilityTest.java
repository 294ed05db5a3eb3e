package inbound.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import inbound.testing.InProcessInbound;
import inbound.testing.InboundProcess;
import inbound.testing.QueueReader;
import inbound.testing.Webhooks;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hostile-input scenario: generated unsigned requests over HTTP against the server shape with its
 * embedded queue, half of them one by one and half sixteen at a time. None may get a 5xx or a stack
 * trace, none may be queued, the heap stays under the heap guard's bound (of the heap the run command
 * gives the server; this test's server shares the test JVM's larger one), and a valid event is still
 * accepted at once afterwards. {@code reliability.hostile-requests} and {@code reliability.seed}.
 */
class HostileInputReliabilityTest {

    private static final String SHOPIFY_SECRET = "hostile-shopify-secret";
    private static final int AT_A_TIME = 16;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dir;

    @Test
    void shouldAnswerEveryHostileRequestWith4xxAndQueueNone() throws Exception {
        int tries = Integer.getInteger("reliability.hostile-requests", 300);
        long seed = Long.getLong("reliability.seed", System.nanoTime());
        Properties properties = new Properties();
        properties.putAll(HostileRequests.secrets());
        properties.put("inbound.provider.shopify.secret", SHOPIFY_SECRET);
        properties.put("inbound.provider.twilio.public-url", Webhooks.TWILIO_PUBLIC_URL);
        properties.put("inbound.worker.enabled", "false");
        HostileRequests generated = new HostileRequests(seed);
        Map<Integer, AtomicInteger> byStatus = new ConcurrentHashMap<>();
        List<String> wrong = Collections.synchronizedList(new ArrayList<>());

        try (InProcessInbound server = InProcessInbound.create(dir, properties).start();
                QueueReader queue = server.queue("webhook-events.fifo")) {
            for (int i = 0; i < tries / 2; i++) {
                check(server, generated.next(), byStatus, wrong);
            }
            ExecutorService senders = Executors.newFixedThreadPool(AT_A_TIME);
            try {
                List<Future<?>> sent = new ArrayList<>();
                for (int i = tries / 2; i < tries; i++) {
                    HostileRequests.Hostile request = generated.next();
                    sent.add(senders.submit(() -> {
                        check(server, request, byStatus, wrong);
                        return null;
                    }));
                }
                for (Future<?> each : sent) {
                    each.get();
                }
            } finally {
                senders.shutdownNow();
            }
            Map<String, String> queued = queue.queueAttributes();
            MemoryUsage heap = heapAfterCollection();
            byte[] valid = Webhooks.utf8("{\"id\": 1}");
            long before = System.nanoTime();
            int validStatus = server.client().post("shopify", valid,
                    Webhooks.shopify(valid, SHOPIFY_SECRET, "after-the-flood", "shop.myshopify.com", "orders/create")).statusCode();
            Duration validTook = Duration.ofNanos(System.nanoTime() - before);

            Map<Integer, Integer> answers = new TreeMap<>();
            byStatus.forEach((status, count) -> answers.put(status, count.get()));
            Reports.write("hostile", "| scenario | requests | answers by code | 5xx or stack trace | queued | heap used after GC | valid event after |\n"
                    + "|---|---|---|---|---|---|---|\n"
                    + "| hostile input | " + tries + " (half one by one, half " + AT_A_TIME + " at a time) | " + answers + " | " + wrong.size()
                    + " | " + queued.get("ApproximateNumberOfMessages") + " | " + heap.getUsed() / (1024 * 1024) + " of " + heap.getMax() / (1024 * 1024)
                    + " MiB | " + validStatus + " in " + validTook.toMillis() + " ms |\n\nseed " + seed + "\n");

            assertThat(wrong).as("seed %d", seed).isEmpty();
            assertThat(queued.get("ApproximateNumberOfMessages")).as("unsigned requests queued").isEqualTo("0");
            assertThat(heap.getUsed()).as("heap after a collection, under the heap guard's bound of the run command's heap")
                    .isLessThan(runCommandMaxHeapBytes() * 85 / 100);
            assertThat(validStatus).as("a valid event after the flood").isEqualTo(202);
        }
    }

    private static void check(InProcessInbound server, HostileRequests.Hostile request, Map<Integer, AtomicInteger> byStatus, List<String> wrong)
            throws Exception {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + "/webhooks/"
                        + request.provider() + (request.query() == null ? "" : "?" + request.query())))
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(request.body()));
        for (HostileRequests.Header header : request.headers()) {
            builder.header(header.name(), header.value());
        }
        HttpResponse<String> response = HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        byStatus.computeIfAbsent(response.statusCode(), status -> new AtomicInteger()).incrementAndGet();
        boolean stackTrace = response.body().contains("\tat ") || response.body().contains("Exception") || response.body().contains("Error:");
        if (response.statusCode() < 400 || response.statusCode() > 499 || stackTrace) {
            wrong.add(response.statusCode() + " " + response.body() + " for " + describe(request));
        }
    }

    /** Enough of a request to make it again by hand: where it went, its headers, its body's size and start. */
    private static String describe(HostileRequests.Hostile request) {
        String body = new String(request.body(), 0, Math.min(120, request.body().length), StandardCharsets.ISO_8859_1);
        return "POST /webhooks/" + request.provider() + (request.query() == null ? "" : "?" + request.query()) + " " + request.headers()
                + " body of " + request.body().length + " bytes starting " + body.replaceAll("[^ -~]", "?");
    }

    /** The -Xmx the run command gives the server (pom.xml), in bytes. */
    private static long runCommandMaxHeapBytes() {
        String xmx = InboundProcess.runCommandJvmOptions().stream().filter(option -> option.startsWith("-Xmx")).findFirst().orElseThrow();
        return Long.parseLong(xmx.substring(4, xmx.length() - 1)) * switch (Character.toLowerCase(xmx.charAt(xmx.length() - 1))) {
            case 'g' -> 1024L * 1024 * 1024;
            case 'm' -> 1024L * 1024;
            default -> 1024L;
        };
    }

    private static MemoryUsage heapAfterCollection() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    }
}
