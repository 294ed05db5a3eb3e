package inbound.testing;

import static org.awaitility.Awaitility.await;

import inbound.server.InboundServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Inbound's server shape in a JVM of its own, so that a test can kill it the hard way. */
public final class InboundProcess implements AutoCloseable {

    private final Process process;
    private final WebhookClient client;

    private InboundProcess(Process process, WebhookClient client) {
        this.process = process;
        this.client = client;
    }

    /** Starts the server with these environment variables and returns once {@code /health} answers 200. */
    public static InboundProcess start(Map<String, String> environment, int httpPort, Path log) {
        return start(InboundServer.class, environment, httpPort, log);
    }

    /** Starts the server through {@code mainClass}, a main class on the test classpath that runs it. */
    public static InboundProcess start(Class<?> mainClass, Map<String, String> environment, int httpPort, Path log) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                mainClass.getName()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        builder.environment().put("INBOUND_HTTP_PORT", String.valueOf(httpPort));
        try {
            Process process = builder.start();
            WebhookClient client = new WebhookClient(httpPort);
            InboundProcess started = new InboundProcess(process, client);
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                    .failFast("Inbound exited during start-up; see " + log, () -> !process.isAlive())
                    .until(() -> client.get("/health").statusCode() == 200);
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public WebhookClient client() {
        return client;
    }

    /** SIGKILL: no shutdown hook, no graceful close of the queue or its database. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
