package inbound.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worker-outage scenario (issue "Backlog"): the server runs without its worker while events of a
 * usual size arrive at a steady rate, so the embedded queue holds all of them; then it is killed with
 * SIGKILL and started again with its worker, on the same data directory. It must be healthy within a
 * minute (taking the events of each group whose stored ones are queued again), and everything acknowledged
 * is processed once, in order within its group, nothing dead-lettered. The report gives the backlog, the
 * heap it held and how long the restart, the re-send of the stored events and the drain took.
 */
class WorkerOutageReliabilityTest {

    private static final Duration RESTART_LIMIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void shouldKeepAnOutagesWholeBacklogAcrossAKill9AndThenProcessIt() throws Exception {
        try (ScenarioRun run = new ScenarioRun("worker-outage", dir, 400, 20, 100, 3072).with("INBOUND_WORKER_ENABLED", "false")) {
            run.startServer();
            run.startSending();
            run.awaitSent();
            int backlog = run.queued();
            long heap = run.serverHeapAfterFullCollection();
            run.killServer();
            run.with("INBOUND_WORKER_ENABLED", "true");
            Duration restart = run.timedStart();
            Duration restore = run.timedRestore();
            Verdict verdict = run.finish(run.h2Database(), "worker off until all " + run.total() + " events were answered: "
                    + backlog + " queued, the server's heap after a full collection " + heap / (1024 * 1024) + " MiB; SIGKILL, then "
                    + "started with its worker: healthy after " + restart.toMillis() + " ms, every group's stored events queued again "
                    + restore.toMillis() + " ms later");

            assertThat(verdict.acknowledged()).as("every event acknowledged").isEqualTo(run.total());
            assertThat(backlog).as("every acknowledged event queued while the worker was off").isEqualTo(run.total());
            assertThat(restart).as("time to healthy with the whole backlog").isLessThan(RESTART_LIMIT);
            assertThat(verdict.lost()).as("acknowledged events lost").isZero();
            assertThat(verdict.deadLettered()).as("events dead-lettered").isZero();
            assertThat(verdict.effectTwice()).as("events whose effect ran twice").isZero();
            assertThat(verdict.reordered()).as("events processed before an earlier one of their group").isZero();
        }
    }
}
