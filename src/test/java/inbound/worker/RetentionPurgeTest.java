package inbound.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import inbound.queue.QueuedEvent;
import inbound.store.Database;
import inbound.store.EventStatus;
import inbound.store.EventStore;
import inbound.store.SchemaMigrations;
import inbound.testing.SettableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The purge on a real (H2) event store: all of what is older than the retention when it has no time limit,
 * and no batch begun once its stop-by time has come, saying that more remain.
 */
class RetentionPurgeTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private static final Duration RETENTION = Duration.ofDays(14);

    private HikariDataSource dataSource;
    private EventStore store;

    @BeforeEach
    void processSevenOldEventsAndOneRecent() throws Exception {
        dataSource = Database.pool("jdbc:h2:mem:retention-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "", Duration.ofSeconds(2), 2);
        SchemaMigrations.apply(dataSource);
        store = new EventStore(dataSource);
        for (int i = 0; i < 7; i++) {
            processed("old-" + i, NOW.minus(RETENTION).minusSeconds(60 - i));
        }
        processed("recent", NOW.minus(RETENTION).plusSeconds(60));
    }

    @AfterEach
    void close() {
        dataSource.close();
    }

    @Test
    void shouldForgetEveryBatchOlderThanTheRetentionWhenItHasNoStopByTime() throws Exception {
        RetentionPurge.Outcome outcome = purge(Clock.fixed(NOW, ZoneOffset.UTC), null);

        assertThat(outcome).isEqualTo(new RetentionPurge.Outcome(7, true, NOW.minus(RETENTION)));
        assertThat(store.status("old-6")).isEmpty();
        assertThat(store.isProcessed("recent")).isTrue();
    }

    @Test
    void shouldBeginNoBatchOnceItsStopByTimeHasComeAndSayThatMoreRemain() throws Exception {
        // each look at the clock is a second later: the cutoff, then one look before each batch
        Clock ticking = SettableClock.advancingAtEachLook(NOW, Duration.ofSeconds(1));

        RetentionPurge.Outcome outcome = purge(ticking, NOW.plusSeconds(3));

        assertThat(outcome.forgotten()).as("two batches of two began before the stop-by time").isEqualTo(4);
        assertThat(outcome.finished()).isFalse();
        assertThat(store.status("old-3")).isEmpty();
        assertThat(store.isProcessed("old-4")).as("the oldest first: the next run goes on from here").isTrue();

        RetentionPurge.Outcome next = purge(Clock.fixed(NOW, ZoneOffset.UTC), null);
        assertThat(next.forgotten()).isEqualTo(3);
        assertThat(next.finished()).isTrue();
    }

    @Test
    void shouldBeginNoBatchWhenItsStopByTimeHasAlreadyCome() throws Exception {
        RetentionPurge.Outcome outcome = purge(Clock.fixed(NOW, ZoneOffset.UTC), NOW);

        assertThat(outcome.forgotten()).isZero();
        assertThat(outcome.finished()).isFalse();
        assertThat(store.isProcessed("old-0")).isTrue();
    }

    private RetentionPurge.Outcome purge(Clock clock, Instant stopBy) throws Exception {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        if (stopBy != null) {
            exchange.getMessage().setHeader(RetentionPurge.STOP_BY, stopBy);
        }
        new RetentionPurge(store, clock, RETENTION, 2).process(exchange);
        return exchange.getMessage().getBody(RetentionPurge.Outcome.class);
    }

    private void processed(String eventId, Instant at) throws Exception {
        QueuedEvent event = new QueuedEvent(eventId, "shopify", "orders/create", "delivery-" + eventId, "shopify:acme", at, 1, 0, "{}");
        store.recordProcessed(event, at, EventStatus.of(event).processed(at));
    }
}
