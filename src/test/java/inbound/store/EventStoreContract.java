package inbound.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import inbound.queue.QueuedEvent;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the event store promises, run against each database it supports (same migration on each). */
abstract class EventStoreContract {

    private static final Instant RECEIVED = Instant.parse("2026-11-29T10:00:00Z");

    private HikariDataSource dataSource;
    private EventStore store;

    protected abstract String jdbcUrl();

    protected abstract String user();

    @BeforeEach
    void migrate() throws Exception {
        dataSource = Database.pool(jdbcUrl(), user(), "", Duration.ofSeconds(2), 4);
        SchemaMigrations.apply(dataSource);
        store = new EventStore(dataSource);
    }

    @AfterEach
    void close() {
        dataSource.close();
    }

    private static QueuedEvent event(String id) {
        return new QueuedEvent(id, "shopify", "orders/create", "delivery-" + id, "shopify:acme", RECEIVED, 1, 0, "{\"id\": 1, \"caf\u00e9\": true}");
    }

    private static EventStatus.Builder status(String id) {
        return EventStatus.of(id, "shopify", "orders/create").groupId("shopify:acme").receivedAt(RECEIVED).receiveCount(1);
    }

    @Test
    void shouldApplyTheMigrationOnceOnly() throws Exception {
        SchemaMigrations.apply(dataSource);

        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet versions = statement.executeQuery("SELECT COUNT(*) FROM inbound_schema_version")) {
            versions.next();
            assertThat(versions.getInt(1)).isEqualTo(1);
        }
    }

    @Test
    void shouldRecordAProcessedEventOnce() throws Exception {
        assertThat(store.isProcessed("e-1")).isFalse();

        assertThat(store.recordProcessed(event("e-1"), Instant.now(), status("e-1").processed(Instant.now()))).isTrue();
        assertThat(store.recordProcessed(event("e-1"), Instant.now(), status("e-1").processed(Instant.now()))).isFalse();

        assertThat(store.isProcessed("e-1")).isTrue();
        assertThat(store.status("e-1")).hasValueSatisfying(status -> assertThat(status.status()).isEqualTo(EventStatus.PROCESSED));
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT payload, received_at FROM processed_events WHERE event_id = 'e-1'")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo(event("e-1").body());
            assertThat(rows.getTimestamp(2).toInstant()).isEqualTo(RECEIVED);
            assertThat(rows.next()).isFalse();
        }
    }

    @Test
    void shouldCreateThenUpdateAStatus() throws Exception {
        store.saveStatus(status("e-2").accepted(Instant.now()));
        store.saveStatus(status("e-2").receiveCount(2).replayCount(1).deadLettered("schema_violation", "no total_price", "validate", Instant.now()));

        EventStatus saved = store.status("e-2").orElseThrow();
        assertThat(saved.status()).isEqualTo(EventStatus.DEAD_LETTERED);
        assertThat(saved.errorCode()).isEqualTo("schema_violation");
        assertThat(saved.receiveCount()).isEqualTo(2);
        assertThat(saved.replayCount()).isEqualTo(1);
        assertThat(store.status("unknown")).isEmpty();
    }

    @Test
    void shouldPageThroughTheEventsOfAStatus() throws Exception {
        for (int i = 0; i < 5; i++) {
            store.saveStatus(status("dead-" + i).deadLettered("schema_violation", "no total_price", "validate", Instant.now()));
        }
        store.saveStatus(status("done").processed(Instant.now()));

        assertThat(store.countWithStatus(EventStatus.DEAD_LETTERED)).isEqualTo(5);
        assertThat(store.withStatus(EventStatus.DEAD_LETTERED, 0, 3)).hasSize(3);
        assertThat(store.withStatus(EventStatus.DEAD_LETTERED, 3, 3)).hasSize(2);
        assertThat(store.withStatus(EventStatus.PROCESSED, 0, 10)).extracting(EventStatus::eventId).containsExactly("done");
    }
}
