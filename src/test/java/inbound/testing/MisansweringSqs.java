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
 * and every SendMessageBatch with a 200 that confirms an entry the request did not send: an answer the SDK's own
 * check of the batch cannot match with its request, so the send fails with an exception no one expected. It
 * checks no signature and keeps nothing.
 */
public final class MisansweringSqs implements AutoCloseable {

    private final HttpServer server;

    private MisansweringSqs() throws IOException {
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.start();
    }

    public static MisansweringSqs start() {
        try {
            return new MisansweringSqs();
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
                : "{\"Successful\":[{\"Id\":\"not-sent\",\"MessageId\":\"m-1\",\"MD5OfMessageBody\":\"0\"}],\"Failed\":[]}";
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
