package inbound.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.zaxxer.hikari.HikariDataSource;
import inbound.queue.QueuedEvent;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

    private static QueuedEvent event(String id, String provider, String group, Instant received, String body) {
        return new QueuedEvent(id, provider, "orders/create", "delivery-" + id, group, received, 1, 0, body);
    }

    private void process(QueuedEvent event) throws Exception {
        process(event, Instant.now());
    }

    private void process(QueuedEvent event, Instant at) throws Exception {
        store.saveStatus(EventStatus.of(event).accepted(at));
        store.recordProcessed(event, at, EventStatus.of(event).processed(at));
    }

    private static EventQuery query(String provider, String status, String group, String id, String text) {
        return new EventQuery(provider, null, status, null, group, id, text, null, null, 0, 50);
    }

    @Test
    void shouldApplyTheMigrationOnceOnly() throws Exception {
        SchemaMigrations.apply(dataSource);

        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet versions = statement.executeQuery("SELECT COUNT(*) FROM inbound_schema_version")) {
            versions.next();
            assertThat(versions.getInt(1)).isEqualTo(4);
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

    @Test
    void shouldKeepEveryStateOfAnEventInItsTimeline() throws Exception {
        Instant start = Instant.parse("2026-11-29T10:00:01Z");
        store.saveStatus(status("e-3").accepted(start));
        store.saveStatus(status("e-3").deadLettered("schema_violation", "no total_price", "validate", start.plusSeconds(1)));
        store.saveStatus(status("e-3").replayCount(1).replayed(start.plusSeconds(2)));
        store.recordProcessed(event("e-3"), start.plusSeconds(3), status("e-3").replayCount(1).processed(start.plusSeconds(3)));

        assertThat(store.timeline("e-3")).extracting(EventTransition::status, EventTransition::errorCode, EventTransition::at)
                .containsExactly(
                        tuple(EventStatus.ACCEPTED, null, start),
                        tuple(EventStatus.DEAD_LETTERED, "schema_violation", start.plusSeconds(1)),
                        tuple(EventStatus.REPLAYED, null, start.plusSeconds(2)),
                        tuple(EventStatus.PROCESSED, null, start.plusSeconds(3)));
        assertThat(store.timeline("unknown")).isEmpty();
    }

    @Test
    void shouldKeepTheDeliveryIdWhenALaterStatusDoesNotKnowIt() throws Exception {
        store.saveStatus(EventStatus.of(event("e-4")).accepted(Instant.now()));
        store.saveStatus(status("e-4").replayed(Instant.now()));

        assertThat(store.status("e-4")).hasValueSatisfying(status -> assertThat(status.deliveryId()).isEqualTo("delivery-e-4"));
    }

    @Test
    void shouldFindEventsByEachCriterionNewestReceivedFirst() throws Exception {
        process(event("old", "shopify", "shopify:acme", RECEIVED, "{\"note\": \"Blue Widget\"}"));
        process(event("new", "shopify", "shopify:acme", RECEIVED.plusSeconds(60), "{\"note\": \"red 100%_off\"}"));
        process(event("other", "github", "github:inbound", RECEIVED.plusSeconds(30), "{\"note\": \"blue\"}"));
        store.saveStatus(status("dead").deadLettered("schema_violation", "no total_price", "validate", Instant.now()));

        assertThat(store.find(EventQuery.all(50))).extracting(EventStatus::eventId).containsExactly("new", "other", "old", "dead");
        assertThat(store.find(query("shopify", EventStatus.PROCESSED, null, null, null))).extracting(EventStatus::eventId)
                .containsExactly("new", "old");
        assertThat(store.find(query(null, EventStatus.DEAD_LETTERED, null, null, null))).extracting(EventStatus::eventId).containsExactly("dead");
        assertThat(store.find(new EventQuery(null, null, null, "schema_violation", null, null, null, null, null, 0, 50)))
                .extracting(EventStatus::eventId).containsExactly("dead");
        assertThat(store.find(query(null, null, "github:inbound", null, null))).extracting(EventStatus::eventId).containsExactly("other");
        assertThat(store.find(query(null, null, null, "delivery-old", null))).extracting(EventStatus::eventId).containsExactly("old");
        assertThat(store.find(query(null, null, null, "new", null))).extracting(EventStatus::eventId).containsExactly("new");
        assertThat(store.find(query(null, null, null, null, "BLUE"))).extracting(EventStatus::eventId).containsExactly("other", "old");
        assertThat(store.find(query(null, null, null, null, "100%_"))).extracting(EventStatus::eventId).containsExactly("new");
        assertThat(store.find(query(null, null, null, null, "0%x"))).isEmpty();
        assertThat(store.find(new EventQuery(null, null, null, null, null, null, null, RECEIVED.plusSeconds(30), RECEIVED.plusSeconds(60), 0, 50)))
                .extracting(EventStatus::eventId).containsExactly("other");
        assertThat(store.find(new EventQuery(null, null, null, null, null, null, null, null, null, 1, 2)))
                .extracting(EventStatus::eventId).containsExactly("other", "old");
        assertThat(store.processedPayload("old")).hasValue("{\"note\": \"Blue Widget\"}");
        assertThat(store.processedPayload("dead")).isEmpty();
    }

    @Test
    void shouldForgetTheEventsProcessedBeforeTheCutoffABatchAtATimeAndKeepDeadLetters() throws Exception {
        Instant cutoff = Instant.parse("2026-11-20T00:00:00Z");
        for (int i = 0; i < 3; i++) {
            QueuedEvent old = event("old-" + i);
            store.saveStatus(EventStatus.of(old).accepted(cutoff.minusSeconds(100 - i)));
            store.recordProcessed(old, cutoff.minusSeconds(90 - i), EventStatus.of(old).processed(cutoff.minusSeconds(90 - i)));
        }
        QueuedEvent recent = event("recent");
        store.recordProcessed(recent, cutoff.plusSeconds(1), EventStatus.of(recent).processed(cutoff.plusSeconds(1)));
        store.saveStatus(status("dead").deadLettered("schema_violation", "no total_price", "validate", cutoff.minusSeconds(500)));

        assertThat(store.purgeProcessedBefore(cutoff, 2)).isEqualTo(2);
        assertThat(store.status("old-0")).isEmpty();
        assertThat(store.status("old-2")).isPresent();
        assertThat(store.purgeProcessedBefore(cutoff, 2)).isEqualTo(1);
        assertThat(store.purgeProcessedBefore(cutoff, 2)).isZero();

        assertThat(store.find(EventQuery.all(50))).extracting(EventStatus::eventId).containsExactlyInAnyOrder("recent", "dead");
        for (String forgotten : List.of("old-0", "old-1", "old-2")) {
            assertThat(store.isProcessed(forgotten)).isFalse();
            assertThat(store.timeline(forgotten)).isEmpty();
        }
        assertThat(store.timeline("recent")).hasSize(1);
        assertThat(store.timeline("dead")).hasSize(1);
    }

    @Test
    void shouldTellItsListenerOfEachStatusOnceCommitted() throws Exception {
        List<String> told = new ArrayList<>();
        EventStore listened = new EventStore(dataSource, status -> told.add(status.eventId() + " " + status.status()));
        QueuedEvent event = event("e-5");

        listened.saveStatus(EventStatus.of(event).accepted(Instant.now()));
        listened.recordProcessed(event, Instant.now(), EventStatus.of(event).processed(Instant.now()));
        listened.recordProcessed(event, Instant.now(), EventStatus.of(event).processed(Instant.now()));

        assertThat(told).containsExactly("e-5 accepted", "e-5 processed");
    }

    @Test
    void shouldCountHowOftenEventsEnteredEachStateByProviderAndByMinute() throws Exception {
        Instant minute = Instant.parse("2026-11-29T10:00:00Z");
        List<String> counted = List.of(EventStatus.PROCESSED, EventStatus.DEAD_LETTERED);
        process(event("a", "shopify", "shopify:acme", minute, "{}"), minute.plusSeconds(5));
        process(event("b", "shopify", "shopify:acme", minute, "{}"), minute.plusSeconds(65));
        process(event("c", "github", "github:inbound", minute, "{}"), minute.plusSeconds(70));
        // dead-lettered twice (a replay that failed again): each time counts
        store.saveStatus(status("d").deadLettered("schema_violation", "no total_price", "validate", minute.plusSeconds(10)));
        store.saveStatus(status("d").deadLettered("schema_violation", "no total_price", "validate", minute.plusSeconds(11)));
        process(event("before", "shopify", "shopify:acme", minute, "{}"), minute.minusSeconds(1));

        assertThat(store.transitionsSince(minute, counted)).isEqualTo(Map.of(
                "shopify", Map.of(EventStatus.PROCESSED, 2L, EventStatus.DEAD_LETTERED, 2L),
                "github", Map.of(EventStatus.PROCESSED, 1L)));
        assertThat(store.transitionsPerMinuteSince(minute, counted)).isEqualTo(Map.of(
                minute, Map.of(EventStatus.PROCESSED, 1L, EventStatus.DEAD_LETTERED, 2L),
                minute.plusSeconds(60), Map.of(EventStatus.PROCESSED, 2L)));
    }

    @Test
    void shouldKeepARestatedStatusOnTheTimelineButCountItAsNoTransitionNorTellItsListener() throws Exception {
        Instant minute = Instant.parse("2026-11-29T10:00:00Z");
        List<String> told = new ArrayList<>();
        EventStore listened = new EventStore(dataSource, status -> told.add(status.eventId() + " " + status.errorCode()));
        List<String> counted = List.of(EventStatus.DEAD_LETTERED);
        listened.saveStatus(status("f").deadLettered("schema_violation", "no total_price", "validate", minute.plusSeconds(10)));
        // a direct replay that failed again: the dead letter stays where it was, with its new reason
        listened.saveRestatedStatus(status("f").deadLettered("unreadable_payload", "not JSON", "parse", minute.plusSeconds(20)));

        assertThat(listened.status("f")).hasValueSatisfying(status -> assertThat(status.errorCode()).isEqualTo("unreadable_payload"));
        assertThat(listened.timeline("f")).extracting(EventTransition::errorCode).containsExactly("schema_violation", "unreadable_payload");
        assertThat(listened.transitionsSince(minute, counted)).isEqualTo(Map.of("shopify", Map.of(EventStatus.DEAD_LETTERED, 1L)));
        assertThat(listened.transitionsPerMinuteSince(minute, counted)).isEqualTo(Map.of(minute, Map.of(EventStatus.DEAD_LETTERED, 1L)));
        assertThat(told).containsExactly("f schema_violation");
    }
}
