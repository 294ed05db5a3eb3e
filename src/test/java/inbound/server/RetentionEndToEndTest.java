package inbound.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import inbound.queue.QueuedEvent;
import inbound.store.Database;
import inbound.store.EventStatus;
import inbound.store.EventStore;
import inbound.store.SchemaMigrations;
import inbound.testing.InProcessInbound;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The retention as the server runs it: its purge, on its schedule, forgets the events processed longer ago
 * than {@code inbound.retention.days} in the server's own database, and keeps the newer ones and the dead letters.
 */
class RetentionEndToEndTest {

    @TempDir
    Path dir;

    @Test
    void shouldForgetTheEventsProcessedBeforeTheRetentionAndKeepTheRest() throws Exception {
        Path dataDir = dir.resolve("data");
        String url = "jdbc:h2:file:" + dataDir.resolve("db/inbound");
        Instant now = Instant.now();
        try (HikariDataSource dataSource = Database.pool(url, "sa", "", Duration.ofSeconds(2), 2)) {
            SchemaMigrations.apply(dataSource);
            EventStore store = new EventStore(dataSource);
            processed(store, "fifteen-days-old", now.minus(Duration.ofDays(15)));
            processed(store, "thirteen-days-old", now.minus(Duration.ofDays(13)));
            store.saveStatus(EventStatus.of("dead-for-a-month", "shopify", "orders/create").receivedAt(now.minus(Duration.ofDays(30)))
                    .deadLettered("schema_violation", "no total_price", "validate", now.minus(Duration.ofDays(30))));
        }
        Properties properties = new Properties();
        properties.put("inbound.retention.days", "14");
        properties.put("inbound.retention.purge-interval-ms", "1000");

        try (InProcessInbound server = InProcessInbound.create(dataDir, properties).start()) {
            EventStore store = server.eventStore();
            await().atMost(Duration.ofSeconds(30)).until(() -> store.status("fifteen-days-old").isEmpty());

            assertThat(store.isProcessed("fifteen-days-old")).isFalse();
            assertThat(store.timeline("fifteen-days-old")).isEmpty();
            assertThat(store.isProcessed("thirteen-days-old")).isTrue();
            assertThat(store.status("dead-for-a-month")).hasValueSatisfying(status ->
                    assertThat(status.status()).isEqualTo(EventStatus.DEAD_LETTERED));
        }
    }

    private static void processed(EventStore store, String eventId, Instant at) throws Exception {
        QueuedEvent event = new QueuedEvent(eventId, "shopify", "orders/create", "delivery-" + eventId, "shopify:acme", at, 1, 0, "{}");
        store.recordProcessed(event, at, EventStatus.of(event).processed(at));
    }
}
