package inbound.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash scenario: the server is killed with SIGKILL at random moments under load and started
 * again on the same data directory; every acknowledged event must be processed, none lost.
 * {@code reliability.kills} and {@code reliability.seed} choose the moments.
 */
class CrashReliabilityTest {

    @TempDir
    Path dir;

    @Test
    void shouldLoseNothingAcknowledgedAcrossKill9sUnderLoad() throws Exception {
        int kills = Integer.getInteger("reliability.kills", 2);
        long seed = Long.getLong("reliability.seed", System.nanoTime());
        try (ScenarioRun run = new ScenarioRun("crash", dir, 400, 20, 40)) {
            Random random = new Random(seed);
            int total = run.total();
            int[] killAfter = IntStream.range(0, kills).map(i -> total / 10 + random.nextInt(total * 8 / 10)).sorted().toArray();

            run.startServer();
            run.startSending();
            for (int threshold : killAfter) {
                run.awaitAcknowledged(threshold);
                run.killServer();
                run.startServer();
            }
            Verdict verdict = run.finish(run.h2Database(), "SIGKILL after " + Arrays.toString(killAfter) + " acknowledgements, seed " + seed);

            assertThat(verdict.acknowledged()).as("every event acknowledged in the end").isEqualTo(total);
            assertThat(verdict.lost()).as("acknowledged events lost").isZero();
            assertThat(verdict.deadLettered()).as("valid events dead-lettered").isZero();
            assertThat(verdict.reordered()).as("events processed before an earlier one of their group").isZero();
            assertThat(verdict.recordedWithoutEffect()).as("events recorded without their processing").isZero();
        }
    }
}
