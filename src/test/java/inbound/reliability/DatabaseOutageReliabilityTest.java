package inbound.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import inbound.testing.TestPostgres;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The database-outage scenario: the worker's PostgreSQL is stopped under load, from a fifth of the
 * events acknowledged until three fifths are ({@code reliability.database-outage.down-from} and
 * {@code .down-events} set other marks), with the default settings; ingest goes on, and once the
 * database is back everything acknowledged is processed — delayed, not lost, not dead-lettered.
 */
class DatabaseOutageReliabilityTest {

    @TempDir
    Path dir;

    @Test
    void shouldDelayButLoseNothingWhileTheDatabaseIsDown() throws Exception {
        try (TestPostgres postgres = TestPostgres.start(dir.resolve("postgres"));
                ScenarioRun run = new ScenarioRun("database-outage", dir, 400, 20, 40)
                        .with("INBOUND_DB_URL", postgres.jdbcUrl())
                        .with("INBOUND_DB_USER", postgres.user())
                        .with("INBOUND_DB_PASSWORD", postgres.password())) {
            int downFrom = Integer.getInteger("reliability.database-outage.down-from", run.total() / 5);
            int downUntil = downFrom + Integer.getInteger("reliability.database-outage.down-events", run.total() * 2 / 5);
            run.startServer();
            run.startSending();
            run.awaitAcknowledged(downFrom);
            postgres.stop();
            long stoppedAt = System.nanoTime();
            run.awaitAcknowledged(downUntil);
            postgres.restart();
            Verdict verdict = run.finish(() -> ScenarioRun.recordedEventIds(postgres.jdbcUrl(), postgres.user(), postgres.password()),
                    "PostgreSQL stopped from " + downFrom + " to " + downUntil + " acknowledgements, for "
                            + Duration.ofNanos(System.nanoTime() - stoppedAt).toSeconds() + " s");

            assertThat(verdict.acknowledged()).as("every event acknowledged in the end").isEqualTo(run.total());
            assertThat(verdict.lost()).as("acknowledged events lost").isZero();
            assertThat(verdict.deadLettered()).as("events dead-lettered because of the outage").isZero();
            assertThat(verdict.reordered()).as("events processed before an earlier one of their group").isZero();
        }
    }
}
