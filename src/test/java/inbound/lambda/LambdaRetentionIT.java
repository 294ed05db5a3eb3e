package inbound.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import inbound.queue.QueuedEvent;
import inbound.store.Database;
import inbound.store.EventStatus;
import inbound.store.EventStore;
import inbound.store.SchemaMigrations;
import inbound.testing.TestPostgres;
import inbound.testing.lambda.LambdaFunctions;
import inbound.testing.lambda.LocalLambdaRuntime;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The retention function from the built zip, under AWS's runtime interface client, against a real PostgreSQL:
 * EventBridge's scheduled event in, the events processed longer ago than {@code INBOUND_RETENTION_DAYS}
 * forgotten a batch at a time, the newer ones and the dead letters kept, and what it did answered; with the
 * database down, the invocation fails, and a later one succeeds once it is back.
 */
class LambdaRetentionIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path workDir;

    private static TestPostgres postgres;
    private static HikariDataSource dataSource;
    private static EventStore store;
    private static LambdaFunctions functions;
    private static LambdaFunctions.Function retention;

    @BeforeAll
    static void startFunction() throws Exception {
        postgres = TestPostgres.start(workDir.resolve("postgres"));
        dataSource = Database.pool(postgres.jdbcUrl(), postgres.user(), postgres.password(), Duration.ofSeconds(2), 2);
        SchemaMigrations.apply(dataSource);
        store = new EventStore(dataSource);
        functions = new LambdaFunctions(workDir);
        retention = functions.start("inbound-retention", LambdaFunctions.RETENTION, Map.of(
                "INBOUND_DB_URL", postgres.jdbcUrl(),
                "INBOUND_DB_USER", postgres.user(),
                "INBOUND_RETENTION_DAYS", "14",
                // several batches for the old events below
                "INBOUND_RETENTION_BATCH_SIZE", "2"));
    }

    @AfterAll
    static void stop() throws Exception {
        functions.close();
        dataSource.close();
        postgres.close();
    }

    @Test
    void shouldForgetTheEventsProcessedBeforeTheRetentionKeepTheRestAndFailARunWithoutTheDatabase() throws Exception {
        Instant now = Instant.now();
        for (int i = 0; i < 5; i++) {
            processed("twenty-days-old-" + i, now.minus(Duration.ofDays(20)).plusSeconds(i));
        }
        processed("five-days-old", now.minus(Duration.ofDays(5)));
        store.saveStatus(EventStatus.of("dead-for-a-month", "shopify", "orders/create").receivedAt(now.minus(Duration.ofDays(30)))
                .deadLettered("schema_violation", "no total_price", "validate", now.minus(Duration.ofDays(30))));

        JsonNode answer = retention.invoke(LambdaFunctions.sampleEvent("retention-schedule.json"));

        assertThat(answer.path("forgotten").asLong()).isEqualTo(5);
        assertThat(answer.path("finished").asBoolean()).isTrue();
        assertThat(Instant.parse(answer.path("cutoff").asText())).isBetween(now.minus(Duration.ofDays(14)), Instant.now().minus(Duration.ofDays(14)));
        for (int i = 0; i < 5; i++) {
            assertThat(store.status("twenty-days-old-" + i)).isEmpty();
            assertThat(store.isProcessed("twenty-days-old-" + i)).isFalse();
            assertThat(store.timeline("twenty-days-old-" + i)).isEmpty();
        }
        assertThat(store.isProcessed("five-days-old")).isTrue();
        assertThat(store.status("dead-for-a-month")).hasValueSatisfying(status -> assertThat(status.status()).isEqualTo(EventStatus.DEAD_LETTERED));
        assertThat(retention.logText()).contains("Forgot 5 events processed before");

        postgres.stop();
        LocalLambdaRuntime.Result withoutDatabase;
        try {
            withoutDatabase = retention.invokeRaw(LambdaFunctions.sampleEvent("retention-schedule.json"));
        } finally {
            postgres.restart();
        }
        assertThat(withoutDatabase.failed()).as("a failed run fails its invocation, which the function's error alarm sees").isTrue();
        assertThat(withoutDatabase.payload()).contains("The retention purge failed");

        // a later scheduled run, once the database is back (a run may still meet a connection the restart broke)
        LocalLambdaRuntime.Result again = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> retention.invokeRaw(LambdaFunctions.sampleEvent("retention-schedule.json")), result -> !result.failed());
        assertThat(JSON.readTree(again.payload()).path("forgotten").asLong()).isZero();
        assertThat(JSON.readTree(again.payload()).path("finished").asBoolean()).isTrue();
    }

    private static void processed(String eventId, Instant at) throws Exception {
        QueuedEvent event = new QueuedEvent(eventId, "shopify", "orders/create", "delivery-" + eventId, "shopify:acme", at, 1, 0, "{}");
        store.saveStatus(EventStatus.of(event).accepted(at));
        store.recordProcessed(event, at, EventStatus.of(event).processed(at));
    }
}
