package inbound.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The database opens, reads its password and migrates on first use; forgetting it (before a snapshot) closes it until the next use. */
class LazyDatabaseTest {

    @Test
    void opensOnFirstUseAndAgainAfterBeingForgotten() throws Exception {
        AtomicInteger passwordReads = new AtomicInteger();
        String url = "jdbc:h2:mem:lazy-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        try (LazyDatabase database = new LazyDatabase(url, "sa", () -> {
            passwordReads.incrementAndGet();
            return "";
        }, new DatabaseTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(2)), 2)) {
            assertThat(passwordReads).as("nothing is read or opened at construction").hasValue(0);

            assertThat(tableCount(database)).isGreaterThanOrEqualTo(2);
            assertThat(tableCount(database)).isGreaterThanOrEqualTo(2);
            assertThat(passwordReads).hasValue(1);

            database.forget();
            assertThat(tableCount(database)).isGreaterThanOrEqualTo(2);
            assertThat(passwordReads).hasValue(2);
        }
    }

    private static int tableCount(LazyDatabase database) throws Exception {
        try (Connection connection = database.getConnection();
                Statement statement = connection.createStatement();
                ResultSet tables = statement.executeQuery(
                        "SELECT count(*) FROM information_schema.tables WHERE table_name IN ('PROCESSED_EVENTS', 'EVENT_STATUS')")) {
            tables.next();
            return tables.getInt(1);
        }
    }
}
