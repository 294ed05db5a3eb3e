package inbound.store;

import inbound.support.FlushFailed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a checkpoint covers is in the database file, as a killed process would leave it: the test
 * reads a copy of the file taken while the database is open. The background writer is held off
 * (a long WRITE_DELAY) so that only the checkpoint can have written the rows.
 */
class H2CheckpointTest {

    @TempDir
    Path dir;

    private String url;
    private Connection queue;
    private H2Checkpoint checkpoint;

    @BeforeEach
    void openTheQueuesDatabase() throws SQLException {
        url = "jdbc:h2:file:" + dir.resolve("elasticmq") + ";WRITE_DELAY=600000";
        queue = DriverManager.getConnection(url, "", "");
        try (Statement statement = queue.createStatement()) {
            statement.execute("CREATE TABLE message (id INT)");
        }
        checkpoint = new H2Checkpoint(dataSource(url), "the test's database");
        checkpoint.flush();
    }

    @AfterEach
    void close() throws SQLException {
        queue.close();
    }

    @Test
    void shouldWriteEveryCommittedMessageToTheFile() throws Exception {
        insert(1, 2, 3);

        checkpoint.flush();

        assertThat(rowsInACopyOfTheFile("after")).isEqualTo(3);
    }

    @Test
    void shouldLeaveTheFileAsItWasWithoutACheckpoint() throws Exception {
        insert(1, 2, 3);
        checkpoint.flush();
        insert(4, 5);

        assertThat(rowsInACopyOfTheFile("before")).isEqualTo(3);
    }

    @Test
    void shouldLetCallersThatWaitedForOneCheckpointShareTheNext() throws Exception {
        CountDownLatch firstMayRun = new CountDownLatch(1);
        AtomicInteger checkpoints = new AtomicInteger();
        DataSource database = dataSource(url);
        DataSource counting = mock(DataSource.class);
        when(counting.getConnection()).thenAnswer(call -> {
            if (checkpoints.incrementAndGet() == 1) {
                firstMayRun.await(10, TimeUnit.SECONDS);
            }
            return database.getConnection();
        });
        H2Checkpoint shared = new H2Checkpoint(counting, "the test's database");
        ExecutorService callers = Executors.newFixedThreadPool(6);
        try {
            Future<?> first = callers.submit(shared::flush);
            await().atMost(Duration.ofSeconds(10)).until(() -> checkpoints.get() == 1);
            List<Future<?>> waiting = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                waiting.add(callers.submit(shared::flush));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> ((ThreadPoolExecutor) callers).getActiveCount() == 6);
            firstMayRun.countDown();
            first.get(10, TimeUnit.SECONDS);
            for (Future<?> caller : waiting) {
                caller.get(10, TimeUnit.SECONDS);
            }
        } finally {
            callers.shutdownNow();
        }

        // the five share the second; a caller the scheduler held back until that one had begun would need a third
        assertThat(checkpoints.get()).isBetween(2, 3);
    }

    @Test
    void shouldRefuseWhenTheDatabaseIsGone() {
        H2Checkpoint broken = new H2Checkpoint(dataSource("jdbc:h2:file:" + dir.resolve("gone") + ";IFEXISTS=TRUE"), "a database");

        assertThatThrownBy(broken::flush).isInstanceOf(FlushFailed.class).hasMessageContaining("Could not write a database's commits");
    }

    private static DataSource dataSource(String url) {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL(url);
        return dataSource;
    }

    private void insert(int... ids) throws SQLException {
        try (Statement statement = queue.createStatement()) {
            for (int id : ids) {
                statement.executeUpdate("INSERT INTO message VALUES (" + id + ")");
            }
        }
    }

    private long rowsInACopyOfTheFile(String name) throws Exception {
        Path copy = dir.resolve(name);
        Files.createDirectories(copy);
        Files.copy(dir.resolve("elasticmq.mv.db"), copy.resolve("db.mv.db"));
        try (Connection connection = DriverManager.getConnection("jdbc:h2:file:" + copy.resolve("db"), "", "");
                ResultSet rows = connection.createStatement().executeQuery("SELECT COUNT(*) FROM message")) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
