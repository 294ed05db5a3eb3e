package inbound.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import inbound.embedded.EmbeddedSqsServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.core.TerminalFailureException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An H2 file that a killed process left behind opens, and keeps opening after it was then closed
 * cleanly: what a server does that recovered from a crash and is later stopped with SIGTERM. A child
 * JVM writes rows and makes them durable as Inbound does (a pool, then {@link H2Checkpoint}) until it
 * is killed with SIGKILL at a random moment; this JVM then opens the file, closes it, and opens it again,
 * and every checkpointed row must be there each time. H2 2.2.224 fails this within a few kills: the
 * open after the kill succeeds, the one after the clean close does not ("File corrupted while reading
 * record", "Double mark" in {@code FreeSpaceBitSet.markUsed}; h2database issue 2752), and now and then
 * rows checkpointed before the kill are gone after the clean close.
 *
 * <p>Both H2 files Inbound keeps run it, at their own URLs: the worker's database and the embedded
 * queue's file; {@code inbound.reliability.H2CrashRecoveryReliabilityTest} kills more often.
 */
public class H2CrashRecoveryTest {

    private static final String CHECKPOINTED = "checkpointed ";
    private static final Duration CHILD_WRITES_WITHIN = Duration.ofSeconds(20);

    @TempDir
    Path dataDir;

    /** The H2 files Inbound keeps, each at its own URL and with the user that opens it. */
    enum InboundH2File {
        WORKER_DATABASE("sa") {
            @Override
            String url(Path dataDir) throws IOException {
                return workerDatabaseUrl(dataDir);
            }
        },
        EMBEDDED_QUEUE("") {
            @Override
            String url(Path dataDir) {
                return EmbeddedSqsServer.databaseUrl(dataDir);
            }
        };

        final String user;

        InboundH2File(String user) {
            this.user = user;
        }

        abstract String url(Path dataDir) throws IOException;
    }

    @ParameterizedTest
    @EnumSource(InboundH2File.class)
    void shouldOpenWithEveryCheckpointedRowAfterEachKillAndCleanClose(InboundH2File file) throws Exception {
        String url = file.url(dataDir);
        String user = file.user;
        Random random = new Random();
        long written = 0;
        for (int kill = 1; kill <= kills(); kill++) {
            long durable = writeUntilKilled(url, user, written + 1, written + 20 + random.nextInt(150));

            String moment = " after kill " + kill + " of " + kills() + " (" + durable + " rows checkpointed)";
            assertThat(rowsUpTo(url, user, durable, "the first open" + moment)).as("rows on the first open" + moment).isEqualTo(durable);
            assertThat(rowsUpTo(url, user, durable, "the open after a clean close" + moment))
                    .as("rows on the open after a clean close" + moment).isEqualTo(durable);
            written = highestId(url, user);
        }
    }

    /** How many times each file's writer is killed: enough for H2 2.2.224 to fail nearly every run. */
    protected int kills() {
        return 4;
    }

    /** The worker's database URL as the packaged application.properties gives it, in {@code dataDir}. */
    private static String workerDatabaseUrl(Path dataDir) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = H2CrashRecoveryTest.class.getResourceAsStream("/application.properties")) {
            properties.load(in);
        }
        return properties.getProperty("inbound.db.url").trim().replace("{{inbound.data-dir}}", dataDir.toString());
    }

    /** Starts a writer, lets it checkpoint past {@code killAfter}, SIGKILLs it; returns the highest row a checkpoint covered. */
    private long writeUntilKilled(String url, String user, long firstId, long killAfter) throws Exception {
        Path log = dataDir.resolve("writer.log");
        Process writer = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Writer.class.getName(), url, user, Long.toString(firstId))
                .redirectError(ProcessBuilder.Redirect.to(log.toFile()))
                .start();
        AtomicLong durable = new AtomicLong(firstId - 1);
        Thread reader = new Thread(() -> readCheckpoints(writer.getInputStream(), durable), "h2-writer-output");
        reader.setDaemon(true);
        reader.start();
        try {
            await().atMost(CHILD_WRITES_WITHIN)
                    .failFast("the writer exited", () -> !writer.isAlive())
                    .until(() -> durable.get() >= killAfter);
        } catch (TerminalFailureException exited) {
            throw new AssertionError("the writer exited before its kill (H2 could not open the file, or write it): " + firstError(log), exited);
        } finally {
            writer.destroyForcibly();
            writer.waitFor(30, TimeUnit.SECONDS);
            reader.join(TimeUnit.SECONDS.toMillis(30));
        }
        return durable.get();
    }

    private static String firstError(Path log) throws IOException {
        return Files.readAllLines(log).stream().filter(line -> line.contains("Exception")).findFirst().orElse("see " + log);
    }

    private static void readCheckpoints(InputStream output, AtomicLong durable) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(output, StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.startsWith(CHECKPOINTED)) {
                    durable.set(Long.parseLong(line.substring(CHECKPOINTED.length())));
                }
            }
        } catch (IOException streamClosed) {
            // the JVM closes a killed child's output while this thread still reads it: the output ended with the kill
        }
    }

    /** Opens the file in this JVM, counts rows 1..{@code id} and closes it: the last connection closed closes the database. */
    private static long rowsUpTo(String url, String user, long id, String open) {
        try (Connection connection = DriverManager.getConnection(url, user, "");
                PreparedStatement count = connection.prepareStatement("SELECT COUNT(*) FROM crash_rows WHERE id <= ?")) {
            count.setLong(1, id);
            try (ResultSet result = count.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        } catch (SQLException e) {
            throw new AssertionError("H2 could not open the file on " + open + ": " + e.getMessage(), e);
        }
    }

    private static long highestId(String url, String user) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, user, "");
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT COALESCE(MAX(id), 0) FROM crash_rows")) {
            result.next();
            return result.getLong(1);
        }
    }

    /**
     * The child JVM: writes rows from {@code firstId} on as the worker does (an insert of a few KB, then an
     * update of its state), and after every few a checkpoint; prints the highest row each one covered.
     */
    public static final class Writer {

        private static final int ROWS_PER_CHECKPOINT = 4;

        public static void main(String[] args) throws Exception {
            String url = args[0];
            String user = args[1];
            long id = Long.parseLong(args[2]);
            String body = "x".repeat(3_000);
            try (HikariDataSource pool = Database.pool(url, user, "", Duration.ofSeconds(5), 2)) {
                H2Checkpoint checkpoint = new H2Checkpoint(pool, "the test's database");
                try (Connection connection = pool.getConnection()) {
                    try (Statement statement = connection.createStatement()) {
                        statement.execute("CREATE TABLE IF NOT EXISTS crash_rows (id BIGINT PRIMARY KEY, body VARCHAR(100000), state VARCHAR(20))");
                    }
                    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO crash_rows VALUES (?, ?, 'received')");
                            PreparedStatement update = connection.prepareStatement("UPDATE crash_rows SET state = 'processed' WHERE id = ?")) {
                        for (;; id++) {
                            insert.setLong(1, id);
                            insert.setString(2, body + id);
                            insert.executeUpdate();
                            update.setLong(1, id);
                            update.executeUpdate();
                            if (id % ROWS_PER_CHECKPOINT == 0) {
                                checkpoint.flush();
                                System.out.println(CHECKPOINTED + id);
                            }
                        }
                    }
                }
            }
        }
    }
}
