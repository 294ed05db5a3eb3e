package inbound.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.zaxxer.hikari.HikariDataSource;
import inbound.testing.StallingProxy;
import inbound.testing.TestPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A PostgreSQL that stops answering, behind a proxy that stalls, or a statement stuck behind a lock: a
 * store call fails within the configured bounds (a transient failure the worker retries), never hangs.
 */
class DatabaseTimeoutsPostgresTest {

    private static final Duration SOCKET_READ = Duration.ofSeconds(2);
    private static final Duration STATEMENT = Duration.ofMillis(500);
    /** Far above the bounds, far below for ever. */
    private static final Duration HANG = Duration.ofSeconds(15);

    @TempDir
    static Path dir;

    private static TestPostgres postgres;
    private StallingProxy proxy;
    private HikariDataSource pool;
    private EventStore store;

    @BeforeAll
    static void startPostgres() {
        postgres = TestPostgres.start(dir);
    }

    @AfterAll
    static void stopPostgres() {
        postgres.close();
    }

    @BeforeEach
    void connectThroughTheProxy() throws Exception {
        proxy = StallingProxy.to(postgres.port());
        pool = Database.pool("jdbc:postgresql://127.0.0.1:" + proxy.port() + "/postgres", postgres.user(), postgres.password(),
                new DatabaseTimeouts(Duration.ofSeconds(1), SOCKET_READ, STATEMENT), 2);
        SchemaMigrations.apply(pool);
        store = new EventStore(pool);
    }

    @AfterEach
    void close() {
        pool.close();
        proxy.close();
    }

    @Test
    void shouldFailAStoreCallWhenTheDatabaseStopsAnsweringMidway() throws Exception {
        assertThat(store.isProcessed("before")).isFalse();

        proxy.stall();

        SQLException failure = assertTimeoutPreemptively(HANG, () -> catchThrowableOfType(() -> store.isProcessed("during"), SQLException.class));
        assertThat((Throwable) failure).as("failed, did not return").isNotNull();
    }

    @Test
    void shouldWorkAgainOnceTheDatabaseAnswersAgain() throws Exception {
        proxy.stall();
        assertTimeoutPreemptively(HANG, () -> catchThrowableOfType(() -> store.isProcessed("during"), SQLException.class));

        proxy.resume();

        await().atMost(HANG).ignoreExceptions().untilAsserted(() -> assertThat(store.isProcessed("after")).isFalse());
    }

    @Test
    void shouldCancelAStatementStuckBehindALock() throws Exception {
        store.saveStatus(status("locked"));
        try (Connection locker = DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), postgres.password());
                Statement lock = locker.createStatement()) {
            locker.setAutoCommit(false);
            lock.execute("LOCK TABLE event_status IN ACCESS EXCLUSIVE MODE");

            SQLException failure = assertTimeoutPreemptively(HANG,
                    () -> catchThrowableOfType(() -> store.saveStatus(status("locked")), SQLException.class));

            assertThat((Throwable) failure).as("failed, did not return").isNotNull();
            assertThat(failure.getSQLState()).as("query_canceled, by statement_timeout").isEqualTo("57014");
            locker.rollback();
        }
    }

    private static EventStatus status(String eventId) {
        return EventStatus.of(eventId, "shopify", "orders/create").groupId("shopify:acme").receivedAt(Instant.now()).receiveCount(1)
                .accepted(Instant.now());
    }
}
