package inbound.testing.lambda;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A small implementation of the Lambda Runtime API (2018-06-01: next invocation, response, error,
 * init error) for one function, served on loopback to AWS's runtime interface client. It also serves
 * the Lambda Invoke API for that function, so that another function (the replay) can invoke it
 * through the AWS SDK as in AWS.
 */
public final class LocalLambdaRuntime implements AutoCloseable {

    static {
        // without it, small exchanges wait out the peer's delayed ACK (about 40 ms) and hide the function's own time
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private static final String RUNTIME = "/2018-06-01/runtime/";
    private static final String INVOKE = "/2015-03-31/functions/";

    private final String functionName;
    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "local-lambda-runtime");
        thread.setDaemon(true);
        return thread;
    });
    private final BlockingQueue<Invocation> waiting = new LinkedBlockingQueue<>();
    private final Map<String, Invocation> running = new ConcurrentHashMap<>();
    private final CompletableFuture<String> initError = new CompletableFuture<>();
    private volatile boolean closed;

    /** What the function answered: its payload, or its error payload and type; and the X-Ray trace it ran under. */
    public record Result(String payload, String errorType, Duration inFunction, String traceHeader) {
        public boolean failed() {
            return errorType != null;
        }
    }

    private static final class Invocation {
        final String id = UUID.randomUUID().toString();
        // a trace of its own, as Lambda's active tracing gives each invocation one
        final String traceHeader = "Root=1-" + HexFormat.of().toHexDigits((int) Instant.now().getEpochSecond()) + "-"
                + id.replace("-", "").substring(0, 24) + ";Parent=" + id.replace("-", "").substring(16) + ";Sampled=1";
        final String event;
        final CompletableFuture<Result> result = new CompletableFuture<>();
        volatile long handedOutNanos;

        Invocation(String event) {
            this.event = event;
        }
    }

    private LocalLambdaRuntime(String functionName, HttpServer server) {
        this.functionName = functionName;
        this.server = server;
    }

    public static LocalLambdaRuntime start(String functionName) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            LocalLambdaRuntime runtime = new LocalLambdaRuntime(functionName, server);
            server.createContext(RUNTIME, runtime::runtimeApi);
            server.createContext(INVOKE, runtime::invokeApi);
            server.setExecutor(runtime.threads);
            server.start();
            return runtime;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** host:port, as AWS_LAMBDA_RUNTIME_API wants it. */
    public String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** The endpoint to give an AWS SDK Lambda client that invokes this function. */
    public String invokeEndpoint() {
        return "http://" + address();
    }

    public String functionName() {
        return functionName;
    }

    /** Hands {@code event} to the function and waits for its answer. */
    public Result invoke(String event, Duration timeout) throws Exception {
        return submit(event).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Hands {@code event} to the function; the answer completes the future. */
    public CompletableFuture<Result> submit(String event) {
        Invocation invocation = new Invocation(event);
        if (initError.isDone()) {
            invocation.result.completeExceptionally(new IllegalStateException("the function failed to initialise: " + initError.join()));
        }
        waiting.add(invocation);
        return invocation.result;
    }

    private void runtimeApi(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath().substring(RUNTIME.length());
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        if (path.equals("invocation/next")) {
            handOutNext(exchange);
        } else if (path.equals("init/error")) {
            initError.complete(body);
            waiting.forEach(invocation -> invocation.result.completeExceptionally(new IllegalStateException("init error: " + body)));
            respond(exchange, 202, "{}");
        } else if (path.startsWith("invocation/") && (path.endsWith("/response") || path.endsWith("/error"))) {
            String id = path.substring("invocation/".length(), path.lastIndexOf('/'));
            Invocation invocation = running.remove(id);
            if (invocation == null) {
                respond(exchange, 400, "{\"errorMessage\":\"unknown request id\"}");
                return;
            }
            Duration inFunction = Duration.ofNanos(System.nanoTime() - invocation.handedOutNanos);
            String errorType = path.endsWith("/error")
                    ? exchange.getRequestHeaders().getOrDefault("Lambda-Runtime-Function-Error-Type", java.util.List.of("Unhandled")).get(0)
                    : null;
            invocation.result.complete(new Result(body, errorType, inFunction, invocation.traceHeader));
            respond(exchange, 202, "{}");
        } else {
            respond(exchange, 404, "{}");
        }
    }

    private void handOutNext(HttpExchange exchange) throws IOException {
        try {
            Invocation next = null;
            while (next == null && !closed) {
                next = waiting.poll(200, TimeUnit.MILLISECONDS);
            }
            if (next == null) {
                respond(exchange, 500, "{}");
                return;
            }
            running.put(next.id, next);
            exchange.getResponseHeaders().add("Lambda-Runtime-Aws-Request-Id", next.id);
            exchange.getResponseHeaders().add("Lambda-Runtime-Deadline-Ms", String.valueOf(System.currentTimeMillis() + 300_000));
            exchange.getResponseHeaders().add("Lambda-Runtime-Invoked-Function-Arn",
                    "arn:aws:lambda:us-east-1:000000000000:function:" + functionName);
            exchange.getResponseHeaders().add("Lambda-Runtime-Trace-Id", next.traceHeader);
            next.handedOutNanos = System.nanoTime();
            respond(exchange, 200, next.event);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The Invoke API ({@code POST /2015-03-31/functions/{name}/invocations}), synchronous invocations only. */
    private void invokeApi(HttpExchange exchange) throws IOException {
        String event = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        try {
            Result result = invoke(event, Duration.ofMinutes(2));
            if (result.failed()) {
                exchange.getResponseHeaders().add("X-Amz-Function-Error", "Unhandled");
            }
            exchange.getResponseHeaders().add("X-Amz-Executed-Version", "$LATEST");
            respond(exchange, 200, result.payload());
        } catch (TimeoutException e) {
            respond(exchange, 504, "{\"message\":\"the function did not answer in time\"}");
        } catch (Exception e) {
            respond(exchange, 502, "{\"message\":\"" + e.getClass().getSimpleName() + "\"}");
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        closed = true;
        server.stop(0);
        threads.shutdownNow();
    }
}
