package inbound.server;

import static inbound.testing.Webhooks.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import inbound.testing.FreePort;
import inbound.testing.InboundProcess;
import inbound.testing.Webhooks;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inbound refuses to start on a damaged embedded queue file within seconds, with one line that names the file
 * and the ways out — not a minute's wait that ends blaming the dead-letter queue, nor a stack trace.
 */
class DamagedQueueFileTest {

    private static final String SECRET = "shpss_damaged";

    @TempDir
    Path dir;

    @Test
    void shouldRefuseToStartOnADamagedQueueFileWithinSecondsNamingTheFileAndTheRecovery() throws Exception {
        int httpPort = FreePort.find();
        Path data = dir.resolve("data");
        Map<String, String> environment = Map.of(
                "INBOUND_SQS_PORT", String.valueOf(FreePort.find()),
                "INBOUND_DATA_DIR", data.toString(),
                "INBOUND_PROVIDER_SHOPIFY_SECRET", SECRET,
                "INBOUND_WORKER_ENABLED", "false");
        try (InboundProcess first = InboundProcess.start(environment, httpPort, dir.resolve("first.log"))) {
            for (int i = 0; i < 300; i++) {
                byte[] body = utf8("{\"id\": " + i + ", \"note\": \"" + "x".repeat(3_000) + "\"}");
                assertThat(first.client().post("shopify", body,
                        Webhooks.shopify(body, SECRET, "delivery-" + i, "shop-" + (i % 4) + ".myshopify.com", "orders/create")).statusCode()).isEqualTo(202);
            }
            first.kill();
        }
        Path file = data.resolve("queue").resolve("elasticmq.mv.db").toAbsolutePath();
        // as a torn write of H2's file header would leave it: both of its copies (the file's first two blocks)
        try (RandomAccessFile damaged = new RandomAccessFile(file.toFile(), "rw")) {
            damaged.write(new byte[8_192]);
        }

        Path log = dir.resolve("second.log");
        long started = System.nanoTime();
        int exit = InboundProcess.with(environment, httpPort, log).startExpectingExit(Duration.ofSeconds(90));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        List<String> lines = Files.readAllLines(log);
        assertThat(exit).isEqualTo(1);
        assertThat(lines).filteredOn(line -> line.contains("ERROR")).singleElement().asString()
                .contains("Inbound will not start: the embedded queue's file " + file + " is damaged")
                .contains("org.h2.tools.Recover")
                .contains("mv " + file);
        assertThat(lines).noneMatch(line -> line.startsWith("\tat "));
        assertThat(took).as("refused while starting, not after the wait for the queues").isLessThan(Duration.ofSeconds(45));
    }
}
