package inbound.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import inbound.queue.EventAttributes;
import inbound.testing.FreePort;
import inbound.testing.HeapAfterFullCollection;
import inbound.testing.InboundProcess;
import inbound.testing.QueueReader;
import inbound.testing.WebhookClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
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
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of a reliability scenario: the server shape (through {@link HarnessServer}) in a process of
 * its own, the harness's traffic at a steady rate, and at the end the drain and the {@link Verdict}.
 * Sizes come from system properties ({@code reliability.events}, {@code .groups}, {@code .rate},
 * {@code .body-bytes}; {@code reliability.<scenario>.events} and so on for one scenario alone), so
 * that {@code mvn -Preliability verify} runs the same scenarios at full size.
 */
final class ScenarioRun implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ScenarioRun.class);
    private static final String QUEUE = "webhook-events.fifo";
    private static final String DEAD_LETTER_QUEUE = "webhook-events-dlq.fifo";
    /** What the server logs when it starts its embedded queue again after the queue's persistence failed. */
    private static final String RECOVERY_LOG_LINE = "Starting the embedded queue again from its file";

    private final String name;
    private final Path dir;
    private final int httpPort = FreePort.find();
    private final Map<String, String> environment = new HashMap<>(Harness.secrets());
    private final int events;
    private final int groups;
    private final int bodyBytes;
    private List<List<Delivery>> traffic;
    private final double rate;
    private final Ledger ledger = new Ledger();
    private final Duration bound;
    private int sqsPort = FreePort.find();
    private InboundProcess server;
    private int starts;
    private SequencedSenders senders;

    ScenarioRun(String name, Path dir, int defaultEvents, int defaultGroups, double defaultRate) {
        this(name, dir, defaultEvents, defaultGroups, defaultRate, 0);
    }

    /** {@code defaultBodyBytes}: what each event's body is padded to (0: no padding). */
    ScenarioRun(String name, Path dir, int defaultEvents, int defaultGroups, double defaultRate, int defaultBodyBytes) {
        this.name = name;
        this.dir = dir;
        this.events = Integer.parseInt(size("events", defaultEvents));
        this.groups = Integer.parseInt(size("groups", defaultGroups));
        this.bodyBytes = Integer.parseInt(size("body-bytes", defaultBodyBytes));
        this.rate = Double.parseDouble(size("rate", defaultRate));
        this.traffic = Harness.deliveries(name + "-" + System.nanoTime(), groups, events / groups, bodyBytes, 0);
        this.bound = Duration.ofSeconds((long) (total() / rate) + 600);
        environment.put("INBOUND_SQS_PORT", String.valueOf(sqsPort));
        environment.put("INBOUND_DATA_DIR", dataDir().toString());
        environment.put(HarnessServer.EFFECTS_FILE, dir.resolve("effects.log").toString());
        environment.put(HarnessServer.FIX_FILE, fixFile().toString());
        LOG.info("Scenario {}: {} events in {} groups at {}/s", name, total(), groups, rate);
    }

    /** A size of this scenario: its own property, else every scenario's, else the default. */
    private String size(String key, Object defaultValue) {
        return System.getProperty("reliability." + name + "." + key, System.getProperty("reliability." + key, String.valueOf(defaultValue)));
    }

    /** Points the server at a queue of its own ({@code INBOUND_SQS_ENDPOINT}) on {@code port}. */
    ScenarioRun withExternalQueue(int port) {
        sqsPort = port;
        environment.put("INBOUND_SQS_ENDPOINT", "http://127.0.0.1:" + port);
        // the SDK's default credential chain is used for an external endpoint; this queue takes any
        environment.put("AWS_ACCESS_KEY_ID", "harness");
        environment.put("AWS_SECRET_ACCESS_KEY", "harness");
        return this;
    }

    /** Makes every {@code every}-th event of a group poison: dead-lettered until {@link #deployFix}, then replayed. */
    ScenarioRun withPoison(int every) {
        traffic = Harness.deliveries(name + "-" + System.nanoTime(), groups, events / groups, bodyBytes, every);
        return this;
    }

    ScenarioRun with(String variable, String value) {
        environment.put(variable, value);
        return this;
    }

    int total() {
        return traffic.stream().mapToInt(List::size).sum();
    }

    int groups() {
        return traffic.size();
    }

    Ledger ledger() {
        return ledger;
    }

    Path dataDir() {
        return dir.resolve("data");
    }

    private Path fixFile() {
        return dir.resolve("poison-fixed");
    }

    /** The poison events acknowledged so far. */
    int poisonAcknowledged() {
        return (int) traffic.stream().flatMap(List::stream).filter(delivery -> delivery.poison() && ledger.eventId(delivery).isPresent()).count();
    }

    /** What the operator deploys before replaying: from now on the poison events are processed. */
    void deployFix() throws IOException {
        Files.createFile(fixFile());
    }

    /** Starts the server (again, on the same data directory) and returns once it is healthy. */
    void startServer() {
        server = nextServer().start();
    }

    private InboundProcess.Launch nextServer() {
        // a start with a large backlog takes longer than the usual limit: the scenario measures it; and, as
        // a provider would, the senders go on while the embedded queue still sends its stored messages again
        return InboundProcess.with(environment, httpPort, dir.resolve("server-" + starts++ + ".log")).mainClass(HarnessServer.class)
                .startTimeout(Duration.ofMinutes(10)).whileRestoring();
    }

    /**
     * Starts the server so that it ends itself at the {@code occurrence}-th {@code moment} of its queue
     * traffic, as a SIGKILL there would ({@link HaltAtMoment}), and waits until it has.
     */
    void runServerUntil(HaltAtMoment.Moment moment, int occurrence) throws InterruptedException {
        assertThat(haltingServer(moment, occurrence).startExpectingExit(Duration.ofMinutes(2)))
                .as("exit code of a server ended at " + moment).isEqualTo(137);
    }

    /**
     * Starts the server so that it ends itself at the {@code occurrence}-th {@code moment}, as
     * {@link #runServerUntil(HaltAtMoment.Moment, int)} does, and once it is healthy and whole again has
     * {@code operator} act on it until it has ended. The operator's requests are cut off by the end.
     */
    void runServerUntil(HaltAtMoment.Moment moment, int occurrence, Consumer<WebhookClient> operator) throws InterruptedException {
        InboundProcess halting = haltingServer(moment, occurrence).start();
        WebhookClient client = halting.client();
        await().atMost(bound).pollInterval(Duration.ofMillis(200)).until(() -> !InboundProcess.restoring(client.get("/health")));
        try {
            operator.accept(client);
        } catch (UncheckedIOException cutOff) {
            // the server ended while answering, as intended
        }
        assertThat(halting.awaitExit(Duration.ofMinutes(2))).as("exit code of a server ended at " + moment).isEqualTo(137);
    }

    private InboundProcess.Launch haltingServer(HaltAtMoment.Moment moment, int occurrence) {
        environment.put(HaltAtMoment.VARIABLE, moment.variableValue(occurrence));
        InboundProcess.Launch halting = nextServer();
        environment.remove(HaltAtMoment.VARIABLE);
        return halting;
    }

    /** The poison events, in their groups' order, for direct replays one by one. */
    List<Delivery> poisonDeliveries() {
        return traffic.stream().flatMap(List::stream).filter(Delivery::poison).toList();
    }

    String eventId(Delivery delivery) {
        return ledger.eventId(delivery).orElseThrow();
    }

    /** Waits until the senders are done and the worker has emptied the main queue (the poison events are then all dead letters). */
    void awaitDrained() {
        await().atMost(bound).until(() -> senders.finished());
        awaitQueueEmpty();
    }

    /** Waits until the worker has emptied the main queue. */
    void awaitQueueEmpty() {
        try (QueueReader queue = new QueueReader(sqsPort, QUEUE)) {
            await().atMost(bound).until(() -> isEmpty(queue.queueAttributes()));
        }
    }

    /** Replays every dead letter, as often as it takes (a replay answers 503 while the queue restores), until none is left. */
    void replayAllDeadLetters() {
        WebhookClient client = new WebhookClient(httpPort);
        try (QueueReader deadLetters = new QueueReader(sqsPort, DEAD_LETTER_QUEUE)) {
            await().atMost(bound).pollInterval(Duration.ofSeconds(1)).until(() -> {
                HttpResponse<String> replay = client.operatorPost("/dead-letters/replay", "{\"all\": true}", Harness.ADMIN_TOKEN);
                return replay.statusCode() == 200 && isEmpty(deadLetters.queueAttributes());
            });
        }
    }

    void killServer() throws InterruptedException {
        server.kill();
    }

    /** Starts the server and answers how long it took to become healthy. */
    Duration timedStart() {
        long started = System.nanoTime();
        startServer();
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /** Waits until the server's {@code /health} no longer says its embedded queue sends stored messages again; answers how long that took. */
    Duration timedRestore() {
        long started = System.nanoTime();
        WebhookClient client = new WebhookClient(httpPort);
        await().atMost(bound).pollInterval(Duration.ofMillis(200)).until(() -> !InboundProcess.restoring(client.get("/health")));
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /** Waits until every group has sent all its deliveries (or given up on one). */
    void awaitSent() {
        await().atMost(bound).until(() -> senders.finished());
    }

    /** The heap the running server holds once a full collection has run. */
    long serverHeapAfterFullCollection() throws Exception {
        return HeapAfterFullCollection.bytes(server.pid());
    }

    /** Messages in the main queue now, visible and in flight. */
    int queued() {
        try (QueueReader queue = new QueueReader(sqsPort, QUEUE)) {
            Map<String, String> attributes = queue.queueAttributes();
            return Integer.parseInt(attributes.get("ApproximateNumberOfMessages"))
                    + Integer.parseInt(attributes.get("ApproximateNumberOfMessagesNotVisible"));
        }
    }

    void startSending() {
        senders = SequencedSenders.start(new WebhookClient(httpPort), traffic, rate, bound, ledger);
    }

    /** Waits until at least {@code count} events have been acknowledged. */
    void awaitAcknowledged(int count) {
        await().atMost(bound).alias("acknowledged >= " + count + ", answers so far " + ledger.answersByCode())
                .until(() -> ledger.acknowledgedCount() >= count);
    }

    /** Waits until attempts have been answered {@code code} {@code count} more times than now. */
    void awaitMoreAnswers(String code, int count) {
        int target = answers(code) + count;
        await().atMost(bound).until(() -> answers(code) >= target);
    }

    /** Attempts answered with this status code, whatever the error code. */
    private int answers(String status) {
        return ledger.answersByCode().entrySet().stream().filter(answer -> answer.getKey().startsWith(status))
                .mapToInt(Map.Entry::getValue).sum();
    }

    /** Finishes sending, waits for the worker to empty the queue, takes the dead letters, and classifies. */
    Verdict finish(RecordedEvents recorded, String how) throws Exception {
        await().atMost(bound).until(() -> senders.finished());
        Set<String> deadLettered = new HashSet<>();
        long drainFrom = System.nanoTime();
        String drained;
        try (QueueReader queue = new QueueReader(sqsPort, QUEUE); QueueReader deadLetters = new QueueReader(sqsPort, DEAD_LETTER_QUEUE)) {
            await().atMost(bound).until(() -> isEmpty(queue.queueAttributes()));
            drained = "; the queue was empty " + Duration.ofNanos(System.nanoTime() - drainFrom).toSeconds() + " s after the senders finished";
            deadLetters.drain().forEach(message -> deadLettered.add(QueueReader.attribute(message, EventAttributes.EVENT_ID)));
        }
        server.kill();
        Verdict verdict = Verdict.of(traffic, ledger, Files.readAllLines(dir.resolve("effects.log")), recorded.eventIds(), deadLettered);
        long recoveries = persistenceRecoveries();
        report(verdict, how + drained + (recoveries == 0 ? "" : "; the embedded queue's persistence failed " + recoveries
                + " time(s) and Inbound started the queue again in its process"));
        return verdict;
    }

    /** How often the servers of this run started their embedded queue again after its persistence failed, as their logs say. */
    private long persistenceRecoveries() throws IOException {
        long recoveries = 0;
        for (int start = 0; start < starts; start++) {
            Path log = dir.resolve("server-" + start + ".log");
            if (Files.exists(log)) {
                try (var lines = Files.lines(log)) {
                    recoveries += lines.filter(line -> line.contains(RECOVERY_LOG_LINE)).count();
                }
            }
        }
        return recoveries;
    }

    /** The events the worker recorded in its H2 file under the data directory, read once the server is gone. */
    RecordedEvents h2Database() {
        return () -> recordedEventIds("jdbc:h2:file:" + dataDir().toAbsolutePath().resolve("db").resolve("inbound"), "sa", "");
    }

    static Set<String> recordedEventIds(String jdbcUrl, String user, String password) throws Exception {
        Set<String> ids = new HashSet<>();
        try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password);
                ResultSet rows = connection.createStatement().executeQuery("SELECT event_id FROM processed_events")) {
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
        }
        return ids;
    }

    private static boolean isEmpty(Map<String, String> attributes) {
        return attributes.get("ApproximateNumberOfMessages").equals("0")
                && attributes.get("ApproximateNumberOfMessagesNotVisible").equals("0")
                && attributes.get("ApproximateNumberOfMessagesDelayed").equals("0");
    }

    private void report(Verdict verdict, String how) throws IOException {
        Reports.write(name, Verdict.tableHeader() + "\n" + verdict.tableRow(name) + "\n\n" + how + "; slowest answer "
                + ledger.slowestAnswer().toMillis() + " ms\n");
    }

    @Override
    public void close() throws Exception {
        if (senders != null) {
            senders.close();
        }
        if (server != null) {
            server.close();
        }
    }

    /** Where the worker's records are read from at the end. */
    interface RecordedEvents {
        Set<String> eventIds() throws Exception;
    }
}
