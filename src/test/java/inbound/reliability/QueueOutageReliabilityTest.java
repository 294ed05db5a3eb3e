package inbound.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import inbound.testing.FreePort;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The queue-outage scenario: the queue runs in a process of its own and is killed with SIGKILL under
 * load, then started again on its file; Inbound is not restarted. While the queue is gone every request
 * must be refused (never a 202 without the queue's word), and Inbound must recover by itself.
 * {@code reliability.queue-outages} sets how many times.
 */
class QueueOutageReliabilityTest {

    @TempDir
    Path dir;

    @Test
    void shouldRefuseWhileTheQueueIsGoneAndRecoverWithoutARestart() throws Exception {
        int outages = Integer.getInteger("reliability.queue-outages", 1);
        int queuePort = FreePort.find();
        Path queueData = dir.resolve("queue-data");
        StandaloneQueue queue = StandaloneQueue.start(queuePort, queueData, dir.resolve("queue-0.log"));
        try (ScenarioRun run = new ScenarioRun("queue-outage", dir, 400, 20, 40).withExternalQueue(queuePort)) {
            int groups = Integer.getInteger("reliability.groups", 20);
            run.startServer();
            run.startSending();
            for (int outage = 1; outage <= outages; outage++) {
                run.awaitAcknowledged(run.total() * outage / (outages + 1));
                queue.kill();
                // every group has been refused at least once while the queue is gone
                run.awaitMoreAnswers("503", groups);
                queue = StandaloneQueue.start(queuePort, queueData, dir.resolve("queue-" + outage + ".log"));
            }
            Verdict verdict = run.finish(run.h2Database(), outages + " SIGKILL(s) of the queue's process, each restarted once every group was refused");

            assertThat(verdict.acknowledged()).as("every event acknowledged in the end").isEqualTo(run.total());
            assertThat(verdict.lost()).as("acknowledged events lost").isZero();
            assertThat(verdict.deadLettered()).as("valid events dead-lettered").isZero();
            assertThat(verdict.reordered()).as("events processed before an earlier one of their group").isZero();
            assertThat(verdict.answersByCode().keySet()).as("answers other than 202 and 503").allMatch(code -> code.startsWith("202") || code.startsWith("503"));
        } finally {
            queue.close();
        }
    }
}
