package inbound.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * A loopback stand-in for SQS (AWS JSON 1.0, as the AWS SDK calls it) that answers a queue's URL as SQS does,
 * and every SendMessageBatch with a 200 that does not match its request: either confirming an entry the
 * request did not send (an answer the SDK's own check of the batch cannot match with its request, so the
 * send fails with an exception no one expected), or naming no entry at all, neither sent nor refused. It
 * checks no signature and keeps nothing.
 */
public final class MisansweringSqs implements AutoCloseable {

    private static final String CONFIRMS_AN_ENTRY_NOT_SENT =
            "{\"Successful\":[{\"Id\":\"not-sent\",\"MessageId\":\"m-1\",\"MD5OfMessageBody\":\"0\"}],\"Failed\":[]}";
    private static final String NAMES_NO_ENTRY = "{\"Successful\":[],\"Failed\":[]}";

    private final HttpServer server;
    private final String batchAnswer;

    private MisansweringSqs(String batchAnswer) throws IOException {
        this.batchAnswer = batchAnswer;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.start();
    }

    /** Confirms, to every batch, an entry it did not send. */
    public static MisansweringSqs start() {
        return start(CONFIRMS_AN_ENTRY_NOT_SENT);
    }

    /** Answers every batch with neither a sent nor a refused entry. */
    public static MisansweringSqs namingNoEntry() {
        return start(NAMES_NO_ENTRY);
    }

    private static MisansweringSqs start(String batchAnswer) {
        try {
            return new MisansweringSqs(batchAnswer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What {@code INBOUND_SQS_ENDPOINT} is set to. */
    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void answer(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        String target = String.valueOf(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
        String body = target.endsWith(".GetQueueUrl")
                ? "{\"QueueUrl\":\"" + endpoint() + "/000000000000/webhook-events.fifo\"}"
                : batchAnswer;
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
