package inbound.testing.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import routes.OperatorRequest;

/**
 * A loopback stand-in for the Terraform module's REST API in front of the console function, for a browser or an
 * HTTP client: {@code http://127.0.0.1:<port>/<stage>/<path>} for the operator's routes ({@link OperatorRequest})
 * becomes a Lambda proxy event as API Gateway builds one — the resource path and its path parameters, the
 * headers, the query parameters, the body base64-encoded (the API's binary media types are {@code *}{@code /*}) —
 * shaped like {@code lambda/events/console-dead-letters.json}, and the function's answer becomes the HTTP answer.
 * Any other path or method is answered as API Gateway answers it: 403 {@code Missing Authentication Token}.
 */
public final class LocalApiGateway implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{(\\w+)\\}");

    private final String stage;
    private final LambdaFunctions.Function function;
    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(4);

    private LocalApiGateway(String stage, LambdaFunctions.Function function) throws IOException {
        this.stage = stage;
        this.function = function;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::serve);
        server.setExecutor(threads);
        server.start();
    }

    public static LocalApiGateway start(String stage, LambdaFunctions.Function function) {
        try {
            return new LocalApiGateway(stage, function);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The stage's invoke URL, as the Terraform module's outputs begin: {@code http://127.0.0.1:<port>/<stage>}. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + stage;
    }

    private void serve(HttpExchange exchange) throws IOException {
        String requestPath = exchange.getRequestURI().getRawPath();
        String prefix = "/" + stage;
        Optional<Route> route = requestPath.startsWith(prefix + "/")
                ? Route.matching(exchange.getRequestMethod(), requestPath.substring(prefix.length()))
                : Optional.empty();
        if (route.isEmpty()) {
            respond(exchange, 403, Map.of("Content-Type", "application/json"), "{\"message\":\"Missing Authentication Token\"}".getBytes(StandardCharsets.UTF_8));
            return;
        }
        try {
            JsonNode answer = function.invoke(event(exchange, route.get()));
            Map<String, String> headers = JSON.convertValue(answer.path("headers"), JSON.getTypeFactory().constructMapType(Map.class, String.class, String.class));
            String body = answer.path("body").asText("");
            respond(exchange, answer.path("statusCode").asInt(), headers == null ? Map.of() : headers,
                    answer.path("isBase64Encoded").asBoolean(false) ? Base64.getDecoder().decode(body) : body.getBytes(StandardCharsets.UTF_8));
        } catch (Exception | AssertionError failed) {
            // what API Gateway answers when the function fails
            respond(exchange, 502, Map.of("Content-Type", "application/json"), "{\"message\": \"Internal server error\"}".getBytes(StandardCharsets.UTF_8));
        }
    }

    private ObjectNode event(HttpExchange exchange, Route route) throws IOException {
        ObjectNode event = (ObjectNode) LambdaFunctions.sampleEvent("console-dead-letters.json");
        String method = exchange.getRequestMethod();
        ObjectNode headers = event.putObject("headers");
        ObjectNode multiValueHeaders = event.putObject("multiValueHeaders");
        exchange.getRequestHeaders().forEach((name, values) -> {
            headers.put(name, values.get(values.size() - 1));
            values.forEach(multiValueHeaders.putArray(name)::add);
        });
        event.put("resource", route.request().path()).put("path", route.path()).put("httpMethod", method);
        event.set("pathParameters", route.parameters().isEmpty() ? null : JSON.valueToTree(route.parameters()));
        String query = exchange.getRequestURI().getRawQuery();
        if (query == null || query.isEmpty()) {
            event.putNull("queryStringParameters");
            event.putNull("multiValueQueryStringParameters");
        } else {
            ObjectNode single = event.putObject("queryStringParameters");
            ObjectNode multi = event.putObject("multiValueQueryStringParameters");
            for (String pair : query.split("&")) {
                int equals = pair.indexOf('=');
                String name = decode(equals < 0 ? pair : pair.substring(0, equals));
                String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
                single.put(name, value);
                (multi.has(name) ? (ArrayNode) multi.get(name) : multi.putArray(name)).add(value);
            }
        }
        ((ObjectNode) event.path("requestContext")).put("resourcePath", route.request().path()).put("httpMethod", method)
                .put("path", "/" + stage + route.path()).put("stage", stage);
        byte[] body = exchange.getRequestBody().readAllBytes();
        if (body.length == 0) {
            event.putNull("body");
            event.put("isBase64Encoded", false);
        } else {
            event.put("body", Base64.getEncoder().encodeToString(body));
            event.put("isBase64Encoded", true);
        }
        return event;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    /** In a path a plus is a plus. */
    private static String decodePath(String text) {
        return decode(text.replace("+", "%2B"));
    }

    private static void respond(HttpExchange exchange, int status, Map<String, String> headers, byte[] body) throws IOException {
        headers.forEach(exchange.getResponseHeaders()::add);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    /** The operator request a method and path (after the stage) name, with the path's parameters, decoded. */
    private record Route(OperatorRequest request, String path, Map<String, String> parameters) {

        static Optional<Route> matching(String method, String rawPath) {
            for (OperatorRequest request : OperatorRequest.values()) {
                if (!request.method().equals(method)) {
                    continue;
                }
                List<String> names = PATH_PARAMETER.matcher(request.path()).results().map(found -> found.group(1)).toList();
                Matcher path = Pattern.compile(PATH_PARAMETER.matcher(Pattern.quote(request.path()))
                        .replaceAll(found -> Matcher.quoteReplacement("\\E([^/]+)\\Q"))).matcher(rawPath);
                if (path.matches()) {
                    Map<String, String> parameters = new LinkedHashMap<>();
                    for (int i = 0; i < names.size(); i++) {
                        parameters.put(names.get(i), decodePath(path.group(i + 1)));
                    }
                    return Optional.of(new Route(request, decodePath(rawPath), parameters));
                }
            }
            return Optional.empty();
        }
    }
}
