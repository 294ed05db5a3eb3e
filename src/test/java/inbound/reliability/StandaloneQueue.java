package inbound.reliability;

import static org.awaitility.Awaitility.await;

import inbound.embedded.EmbeddedSqsServer;
import inbound.queue.QueueSettings;
import inbound.testing.InboundProcess;
import inbound.testing.QueueReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An SQS-compatible queue in a process of its own, for the scenarios where the queue goes away under
 * Inbound ({@code INBOUND_SQS_ENDPOINT}). It writes every commit to its file ({@code WRITE_DELAY 0}):
 * a queue service that is durable once it answered, as Amazon SQS is — Inbound's own checkpoint covers
 * only the queue it embeds.
 */
final class StandaloneQueue implements AutoCloseable {

    private final Process process;

    private StandaloneQueue(Process process) {
        this.process = process;
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[1]);
        EmbeddedSqsServer.start("127.0.0.1", Integer.parseInt(args[0]), data,
                new QueueSettings("webhook-events.fifo", "webhook-events-dlq.fifo", 5), Duration.ofSeconds(60));
        try (Connection connection = DriverManager.getConnection(EmbeddedSqsServer.databaseUrl(data));
                Statement statement = connection.createStatement()) {
            statement.execute("SET WRITE_DELAY 0");
        }
    }

    /** Starts the queue on {@code port} with its file under {@code dataDir}; returns once it answers. */
    static StandaloneQueue start(int port, Path dataDir, Path log) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // the JVM the run command starts: ElasticMQ keeps bodies in the default charset
        command.addAll(InboundProcess.testServerJvmOptions());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), StandaloneQueue.class.getName(), String.valueOf(port), dataDir.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        try {
            Process process = builder.start();
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                    .failFast("the queue exited during start-up; see " + log, () -> !process.isAlive())
                    .until(() -> {
                        try (QueueReader reader = new QueueReader(port, "webhook-events.fifo")) {
                            return true;
                        }
                    });
            return new StandaloneQueue(process);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void kill() throws InterruptedException {
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
