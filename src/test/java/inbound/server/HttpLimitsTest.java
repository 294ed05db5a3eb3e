package inbound.server;

import static inbound.testing.Webhooks.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import inbound.testing.FreePort;
import inbound.testing.Webhooks;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP layer's limits over real sockets: idle and slow clients are cut off, and a flood of
 * webhooks that the queue does not answer neither hangs the providers nor takes /health and the
 * operator API down with it. The queue here is a TCP server that accepts connections and never answers.
 */
class HttpLimitsTest {

    private static final String SECRET = "shpss_http_limits";
    private static final String ADMIN_TOKEN = "operator-token-for-tests";
    private static final int MAX_CONCURRENT_INGEST = 4;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    private static StallingServer queue;
    private static Main server;
    private static int httpPort;
    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws Exception {
        queue = new StallingServer();
        httpPort = FreePort.find();
        // the SDK's default credential chain is used for an external endpoint
        System.setProperty("aws.accessKeyId", "test");
        System.setProperty("aws.secretAccessKey", "test");
        Properties properties = new Properties();
        properties.put("inbound.sqs.endpoint", "http://127.0.0.1:" + queue.port());
        properties.put("inbound.http.port", String.valueOf(httpPort));
        properties.put("inbound.http.host", "127.0.0.1");
        properties.put("inbound.data-dir", dir.resolve("data").toString());
        properties.put("inbound.provider.shopify.secret", SECRET);
        properties.put("inbound.admin.token", ADMIN_TOKEN);
        properties.put("inbound.worker.enabled", "false");
        // the idle timeout also runs while Inbound works on an answer: longer than a call to the queue may take
        properties.put("inbound.sqs.call-timeout-ms", "2000");
        properties.put("inbound.http.idle-timeout-seconds", "3");
        properties.put("inbound.http.request-read-timeout-seconds", "2");
        properties.put("inbound.http.max-concurrent-ingest", String.valueOf(MAX_CONCURRENT_INGEST));
        server = InboundServer.create(properties);
        server.start();
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop();
        queue.close();
    }

    @Test
    void shouldCloseAConnectionThatSendsNothingAfterTheIdleTimeout() throws Exception {
        try (Socket idle = new Socket(InetAddress.getLoopbackAddress(), httpPort)) {
            idle.setSoTimeout(10_000);
            long started = System.nanoTime();

            int read = idle.getInputStream().read();

            assertThat(read).as("the server closed the connection").isEqualTo(-1);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofMillis(2500), Duration.ofSeconds(8));
        }
    }

    @Test
    void shouldAnswer408AndCloseARequestWhoseBodyDripsInSlowerThanTheReadTimeout() throws Exception {
        ScheduledExecutorService drip = Executors.newSingleThreadScheduledExecutor();
        try (Socket slow = new Socket(InetAddress.getLoopbackAddress(), httpPort)) {
            slow.setSoTimeout(10_000);
            OutputStream out = slow.getOutputStream();
            out.write(("POST /webhooks/shopify HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 1000\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            long started = System.nanoTime();
            AtomicInteger dripped = new AtomicInteger();
            // a byte every 300 ms: never idle, but 1000 bytes would take five minutes
            drip.scheduleAtFixedRate(() -> {
                try {
                    if (dripped.incrementAndGet() < 100) {
                        out.write(' ');
                        out.flush();
                    }
                } catch (IOException closed) {
                    drip.shutdown();
                }
            }, 300, 300, TimeUnit.MILLISECONDS);

            String answer = new String(slow.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(8));
            assertThat(answer).startsWith("HTTP/1.1 408").contains("\"error\":\"request_timeout\"");
        } finally {
            drip.shutdownNow();
        }
    }

    @Test
    void shouldKeepHealthAndTheOperatorApiAnsweringAndRefuseIngestPastTheBoundWhileTheQueueStalls() throws Exception {
        int connectionsBefore = queue.accepted();
        List<CompletableFuture<HttpResponse<String>>> flood = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            flood.add(http.sendAsync(webhook("flood-" + i), HttpResponse.BodyHandlers.ofString()));
        }
        // some of the flood is inside Inbound, waiting on the queue
        await().atMost(Duration.ofSeconds(10)).until(() -> queue.accepted() > connectionsBefore);

        HttpResponse<String> operator = timed(Duration.ofSeconds(1), HttpRequest.newBuilder(uri("/events/" + UUID.randomUUID()))
                .header("Authorization", "Bearer " + ADMIN_TOKEN).GET());
        HttpResponse<String> refused = timed(Duration.ofSeconds(1), HttpRequest.newBuilder(uri("/webhooks/shopify"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body()))
                .headers(headers("one-too-many")));
        // /health asks the stalled queue itself: it answers once that call times out (inbound.sqs.call-timeout-ms)
        HttpResponse<String> health = timed(Duration.ofSeconds(5), HttpRequest.newBuilder(uri("/health")).GET());

        assertThat(operator.statusCode()).isEqualTo(404);
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(JSON.readTree(refused.body()).path("error").asText()).isEqualTo("queue_busy");
        assertThat(health.statusCode()).isEqualTo(503);
        for (CompletableFuture<HttpResponse<String>> answer : flood) {
            HttpResponse<String> response = answer.get(30, TimeUnit.SECONDS);
            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.headers().firstValue("Retry-After")).isPresent();
            assertThat(JSON.readTree(response.body()).path("error").asText()).isIn("queue_busy", "queue_unavailable");
        }
    }

    private static HttpResponse<String> timed(Duration bound, HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(bound).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest webhook(String deliveryId) {
        return HttpRequest.newBuilder(uri("/webhooks/shopify")).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body())).headers(headers(deliveryId)).build();
    }

    private static byte[] body() {
        return utf8("{\"id\": 1}");
    }

    private static String[] headers(String deliveryId) {
        return Webhooks.shopify(body(), SECRET, deliveryId, "acme.myshopify.com", "orders/create").entrySet().stream()
                .flatMap(header -> Stream.of(header.getKey(), header.getValue()))
                .toArray(String[]::new);
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + httpPort + path);
    }

    /** A loopback TCP server that accepts every connection and never answers: a queue that stalls. */
    private static final class StallingServer implements AutoCloseable {

        private final ServerSocket socket = new ServerSocket(0, 100, InetAddress.getLoopbackAddress());
        private final List<Socket> held = new CopyOnWriteArrayList<>();
        private final Thread acceptor = new Thread(this::accept, "stalling-queue");

        StallingServer() throws IOException {
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        int accepted() {
            return held.size();
        }

        private void accept() {
            while (!socket.isClosed()) {
                try {
                    held.add(socket.accept());
                } catch (IOException closed) {
                    return;
                }
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
            for (Socket connection : held) {
                connection.close();
            }
        }
    }
}
