package inbound.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback stand-in for AWS Secrets Manager's API as the AWS SDK calls it ({@code secretsmanager.GetSecretValue}
 * over AWS JSON 1.1), holding the given secrets by ARN and counting the requests it got. It checks no signature.
 */
public final class LocalSecretsManager implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, String> secrets;
    private final AtomicInteger requests = new AtomicInteger();
    private final HttpServer server;

    private LocalSecretsManager(Map<String, String> secrets) throws IOException {
        this.secrets = Map.copyOf(secrets);
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::getSecretValue);
        server.start();
    }

    /** @param secrets each secret's value by its ARN */
    public static LocalSecretsManager start(Map<String, String> secrets) {
        try {
            return new LocalSecretsManager(secrets);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What {@code inbound.secrets.endpoint} is set to. */
    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** How many requests it has answered. */
    public int requests() {
        return requests.get();
    }

    private void getSecretValue(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        JsonNode request = JSON.readTree(exchange.getRequestBody());
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        String value = secrets.get(request.path("SecretId").asText());
        boolean found = "secretsmanager.GetSecretValue".equals(target) && value != null;
        String body = found
                ? JSON.createObjectNode().put("ARN", request.path("SecretId").asText()).put("Name", "inbound/secret")
                        .put("SecretString", value).put("VersionId", "v1").toString()
                : JSON.createObjectNode().put("__type", "ResourceNotFoundException")
                        .put("message", "Secrets Manager can't find the specified secret.").toString();
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
        exchange.sendResponseHeaders(found ? 200 : 400, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
