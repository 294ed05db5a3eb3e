package inbound.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import inbound.queue.EventAttributes;
import inbound.testing.FreePort;
import inbound.testing.InboundProcess;
import inbound.testing.QueueReader;
import inbound.testing.WebhookClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The crash scenario of the reliability harness: signed events of two providers in many groups, each
 * group sending in order at a steady total rate, while the server is killed with SIGKILL at random
 * moments and started again on the same data directory; then the queue drains and every acknowledged
 * event is classified. Short by default; {@code mvn -Preliability verify} runs it at full size
 * (system properties {@code reliability.events}, {@code .groups}, {@code .rate}, {@code .kills}, {@code .seed}).
 */
class CrashReliabilityTest {

    private static final Logger LOG = LoggerFactory.getLogger(CrashReliabilityTest.class);

    @TempDir
    Path dir;

    @Test
    void shouldLoseNothingAcknowledgedAcrossKill9sUnderLoad() throws Exception {
        int events = Integer.getInteger("reliability.events", 400);
        int groups = Integer.getInteger("reliability.groups", 20);
        double rate = Double.parseDouble(System.getProperty("reliability.rate", "40"));
        int kills = Integer.getInteger("reliability.kills", 2);
        long seed = Long.getLong("reliability.seed", System.nanoTime());
        LOG.info("Crash scenario: {} events in {} groups at {}/s, {} SIGKILLs, seed {}", events, groups, rate, kills, seed);

        int httpPort = FreePort.find();
        int sqsPort = FreePort.find();
        Path data = dir.resolve("data");
        Path effects = dir.resolve("effects.log");
        Map<String, String> environment = new HashMap<>(Harness.providerSecrets());
        environment.put("INBOUND_SQS_PORT", String.valueOf(sqsPort));
        environment.put("INBOUND_DATA_DIR", data.toString());
        environment.put(HarnessServer.EFFECTS_FILE, effects.toString());

        List<List<Delivery>> traffic = Harness.deliveries("crash-" + seed, groups, events / groups);
        int total = traffic.stream().mapToInt(List::size).sum();
        Random random = new Random(seed);
        int[] killAfter = IntStream.range(0, kills).map(i -> total / 10 + random.nextInt(total * 8 / 10)).sorted().toArray();
        Ledger ledger = new Ledger();
        Duration sending = Duration.ofSeconds((long) (total / rate) + 60L * (kills + 1));

        InboundProcess server = InboundProcess.start(HarnessServer.class, environment, httpPort, dir.resolve("server-0.log"));
        try (SequencedSenders senders = SequencedSenders.start(new WebhookClient(httpPort), traffic, rate, sending, ledger)) {
            for (int k = 0; k < killAfter.length; k++) {
                int threshold = killAfter[k];
                await().atMost(sending).until(() -> ledger.acknowledgedCount() >= threshold);
                server.kill();
                server = InboundProcess.start(HarnessServer.class, environment, httpPort, dir.resolve("server-" + (k + 1) + ".log"));
            }
            senders.awaitFinished(sending);

            Set<String> deadLettered = new HashSet<>();
            try (QueueReader queue = new QueueReader(sqsPort, "webhook-events.fifo");
                    QueueReader deadLetters = new QueueReader(sqsPort, "webhook-events-dlq.fifo")) {
                await().atMost(Duration.ofMinutes(5)).until(() -> isEmpty(queue.queueAttributes()));
                deadLetters.drain().forEach(message -> deadLettered.add(QueueReader.attribute(message, EventAttributes.EVENT_ID)));
            }
            server.kill();

            Verdict verdict = Verdict.of(traffic, ledger, Files.readAllLines(effects), recordedEventIds(data), deadLettered);
            report("crash", verdict, "SIGKILL after " + java.util.Arrays.toString(killAfter) + " acknowledgements, seed " + seed);

            assertThat(verdict.acknowledged()).as("every event acknowledged in the end").isEqualTo(total);
            assertThat(verdict.lost()).as("acknowledged events lost").isZero();
            assertThat(verdict.deadLettered()).as("valid events dead-lettered").isZero();
            assertThat(verdict.recordedWithoutEffect()).as("events recorded without their processing").isZero();
        } finally {
            server.close();
        }
    }

    private static boolean isEmpty(Map<String, String> attributes) {
        return attributes.get("ApproximateNumberOfMessages").equals("0")
                && attributes.get("ApproximateNumberOfMessagesNotVisible").equals("0")
                && attributes.get("ApproximateNumberOfMessagesDelayed").equals("0");
    }

    /** The processed events' ids, read from the worker's H2 file once the server is gone. */
    private static Set<String> recordedEventIds(Path data) throws Exception {
        Set<String> ids = new HashSet<>();
        try (Connection connection = DriverManager.getConnection("jdbc:h2:file:" + data.toAbsolutePath().resolve("db").resolve("inbound"), "sa", "");
                ResultSet rows = connection.createStatement().executeQuery("SELECT event_id FROM processed_events")) {
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
        }
        return ids;
    }

    private static void report(String scenario, Verdict verdict, String how) throws IOException {
        Path report = Path.of("target", "reliability", scenario + ".md");
        Files.createDirectories(report.getParent());
        String table = Verdict.tableHeader() + "\n" + verdict.tableRow(scenario) + "\n\n" + how + "\n";
        Files.writeString(report, table);
        LOG.info("Reliability, {}:\n{}", scenario, table);
    }
}
