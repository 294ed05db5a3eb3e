package inbound.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import inbound.reliability.HaltAtMoment.Moment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash scenario: the server is killed under load, each time started again on the same data
 * directory; every acknowledged event must be processed, once recorded, in order, none lost. The kills
 * take turns: at the moments a random kill rarely lands ({@link HaltAtMoment}: between the queue's
 * answer to a group commit and its checkpoint, between a worker's processing and its batch delete,
 * while a group commit is on its way) and at random (after a random number of acknowledgements).
 * {@code reliability.kills} and {@code reliability.seed} choose how many and where.
 */
class CrashReliabilityTest {

    /** The order the kills take: the short run of {@code mvn verify} (two kills) aims at the first two. */
    private static final List<Optional<Moment>> TURNS = List.of(
            Optional.of(Moment.BEFORE_CHECKPOINT), Optional.of(Moment.BEFORE_DELETE), Optional.empty(), Optional.of(Moment.SEND_BATCH));

    @TempDir
    Path dir;

    @Test
    void shouldLoseNothingAcknowledgedAcrossKill9sUnderLoad() throws Exception {
        int kills = Integer.getInteger("reliability.kills", 2);
        long seed = Long.getLong("reliability.seed", System.nanoTime());
        Random random = new Random(seed);
        List<String> how = new ArrayList<>();
        try (ScenarioRun run = new ScenarioRun("crash", dir, 400, 20, 40)) {
            run.startSending();
            for (int kill = 0; kill < kills; kill++) {
                Optional<Moment> moment = TURNS.get(kill % TURNS.size());
                if (moment.isPresent()) {
                    int occurrence = 1 + random.nextInt(10);
                    run.runServerUntil(moment.get(), occurrence);
                    how.add(moment.get().variableValue(occurrence));
                } else {
                    int threshold = Math.min(run.total() - 1, run.ledger().acknowledgedCount() + 1 + random.nextInt(run.total() / 5));
                    run.startServer();
                    run.awaitAcknowledged(threshold);
                    run.killServer();
                    how.add("SIGKILL after " + threshold + " acknowledgements");
                }
            }
            run.startServer();
            Verdict verdict = run.finish(run.h2Database(), "killed " + String.join(", ", how) + "; seed " + seed);

            assertThat(verdict.acknowledged()).as("every event acknowledged in the end").isEqualTo(run.total());
            assertThat(verdict.lost()).as("acknowledged events lost").isZero();
            assertThat(verdict.deadLettered()).as("valid events dead-lettered").isZero();
            assertThat(verdict.reordered()).as("events processed before an earlier one of their group").isZero();
            assertThat(verdict.recordedWithoutEffect()).as("events recorded without their processing").isZero();
        }
    }
}
