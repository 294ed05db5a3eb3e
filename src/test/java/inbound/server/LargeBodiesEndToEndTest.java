package inbound.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import inbound.queue.EventAttributes;
import inbound.testing.FreePort;
import inbound.testing.InboundProcess;
import inbound.testing.ProcessedEvents;
import inbound.testing.QueueReader;
import inbound.testing.RawHttp;
import inbound.testing.StoredPayloads;
import inbound.testing.WebhookClient;
import inbound.testing.Webhooks;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Webhooks as large as GitHub sends, as the run command starts the server with its defaults: a 25 MB signed
 * push is accepted and reaches the worker byte for byte; a webhook whose body would take the bytes held at
 * once past inbound.http.max-body-bytes-in-flight is answered 503 queue_busy with Retry-After before its
 * body is read, and nothing of it is queued; the bytes a webhook took come back however it ends; and large
 * webhooks sent at once are each accepted or refused so, never answered 500 for a heap run out.
 */
class LargeBodiesEndToEndTest {

    /** GitHub caps a webhook's payload at 25 MB. */
    private static final int GITHUB_MAX_PAYLOAD_BYTES = 25_000_000;
    private static final String SECRET = "github-large-bodies";
    private static final String ADMIN_TOKEN = "operator-token-for-large-bodies";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] PUSH = Webhooks.largePush(GITHUB_MAX_PAYLOAD_BYTES);
    private static final byte[] PROBE = Webhooks.largePush(2 * 1024 * 1024);

    @TempDir
    Path dir;

    /** Nothing but where the queue and the data are, GitHub's secret, the operator's token, and whether the worker runs. */
    private Map<String, String> defaults(int sqsPort, boolean worker) {
        return Map.of("INBOUND_SQS_PORT", String.valueOf(sqsPort), "INBOUND_DATA_DIR", dir.resolve("data").toString(),
                "INBOUND_PROVIDER_GITHUB_SECRET", SECRET, "INBOUND_ADMIN_TOKEN", ADMIN_TOKEN, "INBOUND_WORKER_ENABLED", String.valueOf(worker));
    }

    private static String status(WebhookClient client, String eventId) throws Exception {
        HttpResponse<String> response = client.operatorGet("/events/" + eventId, ADMIN_TOKEN);
        return response.statusCode() == 200 ? JSON.readTree(response.body()).path("status").asText() : "unknown";
    }

    private static String eventId(String accepted) throws IOException {
        return JSON.readTree(accepted).path("id").asText();
    }

    /** The push as another event: GitHub's event id is of its topic and body, so a body of its own (leading blanks JSON allows). */
    private static byte[] another(int event) {
        byte[] body = new byte[event + PUSH.length];
        Arrays.fill(body, 0, event, (byte) ' ');
        System.arraycopy(PUSH, 0, body, event, PUSH.length);
        return body;
    }

    @Test
    void shouldAcceptAndProcessA25MbGitHubPushByteForByteWithTheDefaults() throws Exception {
        int httpPort = FreePort.find();
        String eventId;

        try (InboundProcess server = InboundProcess.start(defaults(FreePort.find(), true), httpPort, dir.resolve("server.log"))) {
            HttpResponse<String> response = server.client().post("github", PUSH, Webhooks.github(PUSH, SECRET, "push-25mb", "push"));
            assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
            eventId = eventId(response.body());
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> "processed".equals(status(server.client(), eventId)));
            // stopped, not killed: the database file is closed before the test opens it
            assertThat(server.stop(Duration.ofSeconds(30))).isIn(0, 143);
        }
        assertThat(PUSH.length).isGreaterThanOrEqualTo(GITHUB_MAX_PAYLOAD_BYTES);
        assertThat(ProcessedEvents.payloadsById(dir.resolve("data")).get(eventId)).isEqualTo(new String(PUSH, StandardCharsets.UTF_8));
    }

    @Test
    void shouldRefuseAPushPastTheBytesInFlightBeforeReadingItAndTakeItOnceTheOneHeldWasAbandoned() throws Exception {
        int httpPort = FreePort.find();
        int sqsPort = FreePort.find();
        StoredPayloads stored = new StoredPayloads(dir.resolve("data"));

        try (InboundProcess server = InboundProcess.start(defaults(sqsPort, false), httpPort, dir.resolve("server.log"));
                QueueReader queue = new QueueReader(sqsPort, "webhook-events.fifo")) {
            // unsigned, so that nothing of it is queued; larger than what one of the largest bodies leaves of the bound
            byte[] probe = request(Webhooks.github(PROBE, "not-the-secret", "probe", "push"), PROBE);
            // one of the largest bodies is let in at a time: this one declares its length and stops after its first bytes
            try (HeldPush held = new HeldPush(httpPort, "held")) {
                await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                        .until(() -> RawHttp.send(httpPort, probe, Duration.ofSeconds(30)).status() == 503);

                RawHttp.Answer refused = RawHttp.send(httpPort, request(Webhooks.github(PUSH, SECRET, "refused", "push"), PUSH), Duration.ofSeconds(30));
                assertThat(refused.status()).as(refused.toString()).isEqualTo(503);
                assertThat(refused.header("Retry-After")).isEqualTo("5");
                assertThat(JSON.readTree(refused.body()).path("error").asText()).isEqualTo("queue_busy");
                assertThat(server.client().get("/health").statusCode()).isEqualTo(200);
                assertThat(held.answered()).as("still being read").isFalse();
            }
            // its client went away: what it took is given back, and the refused push is taken when its provider retries it
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                    .until(() -> RawHttp.send(httpPort, probe, Duration.ofSeconds(30)).status() == 401);
            HttpResponse<String> retried = server.client().post("github", PUSH, Webhooks.github(PUSH, SECRET, "refused", "push"));
            assertThat(retried.statusCode()).as(retried.body()).isEqualTo(202);
            String accepted = eventId(retried.body());

            // a chunked body, whose length is not declared, counts as the largest until it ends: it fits once nothing else is held
            byte[] chunkedPush = another(1);
            RawHttp.Answer chunked = RawHttp.send(httpPort, out -> writeChunked(out, chunkedPush), Duration.ofSeconds(30));
            assertThat(chunked.status()).as(chunked.toString()).isEqualTo(202);

            Map<String, byte[]> queued = new HashMap<>();
            queue.drain().forEach(message -> queued.put(QueueReader.attribute(message, EventAttributes.EVENT_ID), stored.body(message)));
            assertThat(queued).containsOnlyKeys(accepted, eventId(chunked.body()));
            assertThat(queued.get(accepted)).isEqualTo(PUSH);
            assertThat(queued.get(eventId(chunked.body()))).isEqualTo(chunkedPush);
        }
    }

    @Test
    void shouldAcceptOrRefuseEveryOneOfLargePushesSentAtOnceWithoutRunningOutOfHeap() throws Exception {
        int httpPort = FreePort.find();
        int sqsPort = FreePort.find();
        Path log = dir.resolve("server.log");

        ExecutorService senders = Executors.newFixedThreadPool(4);
        try (InboundProcess server = InboundProcess.start(defaults(sqsPort, false), httpPort, log);
                QueueReader queue = new QueueReader(sqsPort, "webhook-events.fifo")) {
            List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                byte[] body = another(i);
                String deliveryId = "at-once-" + i;
                sent.add(CompletableFuture.supplyAsync(() -> server.client().post("github", body, Webhooks.github(body, SECRET, deliveryId, "push")), senders));
            }
            List<String> accepted = new ArrayList<>();
            for (CompletableFuture<HttpResponse<String>> answer : sent) {
                HttpResponse<String> response = answer.get(60, TimeUnit.SECONDS);
                if (response.statusCode() == 202) {
                    accepted.add(eventId(response.body()));
                } else {
                    assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
                    assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
                    assertThat(JSON.readTree(response.body()).path("error").asText()).isEqualTo("queue_busy");
                }
            }
            assertThat(server.client().get("/health").statusCode()).isEqualTo(200);
            assertThat(accepted).isNotEmpty();
            assertThat(queue.drain()).extracting(message -> QueueReader.attribute(message, EventAttributes.EVENT_ID))
                    .containsExactlyInAnyOrderElementsOf(accepted);
        } finally {
            senders.shutdownNow();
        }
        assertThat(Files.readString(log)).doesNotContain("OutOfMemoryError").doesNotContain("Request failed unexpectedly");
    }

    private static byte[] request(Map<String, String> headers, byte[] body) {
        byte[] head = head(headers, "Content-Length: " + body.length);
        byte[] request = new byte[head.length + body.length];
        System.arraycopy(head, 0, request, 0, head.length);
        System.arraycopy(body, 0, request, head.length, body.length);
        return request;
    }

    private static byte[] head(Map<String, String> headers, String framing) {
        StringBuilder head = new StringBuilder("POST /webhooks/github HTTP/1.1\r\nHost: 127.0.0.1\r\n").append(framing).append("\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        return head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static void writeChunked(OutputStream out, byte[] body) throws IOException {
        out.write(head(Webhooks.github(body, SECRET, "chunked", "push"), "Transfer-Encoding: chunked"));
        int chunk = 1 << 20;
        for (int at = 0; at < body.length; at += chunk) {
            int length = Math.min(chunk, body.length - at);
            out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body, at, length);
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    /** A signed push that declares its whole length, sends its first bytes and then waits, until it is closed. */
    private static final class HeldPush implements AutoCloseable {

        private final Socket socket;

        HeldPush(int httpPort, String deliveryId) throws IOException {
            socket = new Socket(InetAddress.getLoopbackAddress(), httpPort);
            OutputStream out = socket.getOutputStream();
            out.write(head(Webhooks.github(PUSH, SECRET, deliveryId, "push"), "Content-Length: " + PUSH.length));
            out.write(PUSH, 0, 1024);
            out.flush();
        }

        /** Whether the server answered it (it was refused) instead of reading on. */
        boolean answered() throws IOException {
            return socket.getInputStream().available() > 0;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
