package inbound.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import inbound.testing.FreePort;
import inbound.testing.StallingProxy;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stalling-queue scenario: the queue runs in a process of its own behind a TCP proxy
 * ({@code INBOUND_SQS_ENDPOINT} points at the proxy) that, under load, stops forwarding bytes while it
 * keeps the connections open, then resumes; and once drops every connection for a while. Inbound is not
 * restarted. Never a 202 without the queue's word; every request answered within the bound the settings
 * give; and Inbound takes events again by itself once the queue answers. {@code reliability.queue-stalls}
 * sets how many stalls.
 */
class QueueStallReliabilityTest {

    /** For the HTTP hop and a loaded machine's scheduling, on top of what the settings allow. */
    private static final Duration MARGIN = Duration.ofSeconds(1);

    /** Shorter than the default 30 s, to keep the run short; neither the answers nor the verdict depend on it. */
    private static final Duration VISIBILITY_TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    @Test
    void shouldAnswerWithinTheBoundAndLoseNothingWhileTheQueueStallsAndRecoverWithoutARestart() throws Exception {
        int stalls = Integer.getInteger("reliability.queue-stalls", 1);
        Duration bound = answerBound();
        int queuePort = FreePort.find();
        try (StallingProxy proxy = StallingProxy.to(queuePort);
                ScenarioRun run = new ScenarioRun("queue-stall", dir, 120, 6, 40).withExternalQueue(proxy.port())
                        // the drain waits out the visibility of messages whose receive or delete the proxy swallowed
                        .with("INBOUND_WORKER_VISIBILITY_TIMEOUT_SECONDS", String.valueOf(VISIBILITY_TIMEOUT.toSeconds()));
                StandaloneQueue queue = startWithServer(run, queuePort)) {
            run.startSending();
            int periods = stalls + 1;
            for (int period = 1; period <= periods; period++) {
                run.awaitAcknowledged(run.total() * period / (periods + 1));
                if (period < periods) {
                    proxy.stall();
                } else {
                    proxy.drop();
                }
                // every group has been refused at least once while the queue does not answer
                run.awaitMoreAnswers("503", run.groups());
                proxy.resume();
            }
            Verdict verdict = run.finish(run.h2Database(), stalls + " stall(s) of the queue's connections (bytes swallowed, connections kept open)"
                    + " and 1 period of dropped connections, each until every group was refused; worker visibility timeout "
                    + VISIBILITY_TIMEOUT.toSeconds() + " s; bound on an answer " + bound.toMillis() + " ms");

            assertThat(verdict.acknowledged()).as("every event acknowledged in the end").isEqualTo(run.total());
            assertThat(verdict.lost()).as("acknowledged events lost").isZero();
            assertThat(verdict.deadLettered()).as("valid events dead-lettered").isZero();
            assertThat(verdict.reordered()).as("events processed before an earlier one of their group").isZero();
            assertThat(verdict.answersByCode().keySet()).as("answers other than 202 and 503").allMatch(code -> code.startsWith("202") || code.startsWith("503"));
            assertThat(run.ledger().answersSlowerThan(bound)).as("answers slower than the bound the settings give, the slowest %d ms",
                    run.ledger().slowestAnswer().toMillis()).isZero();
        }
    }

    /**
     * Starts the queue's process while the server's starts (the server is healthy once its queue answers
     * through the proxy): the run waits for one process to start, not two after each other.
     */
    private StandaloneQueue startWithServer(ScenarioRun run, int queuePort) throws InterruptedException {
        CompletableFuture<StandaloneQueue> queue = CompletableFuture.supplyAsync(
                () -> StandaloneQueue.start(queuePort, dir.resolve("queue-data"), dir.resolve("queue.log")));
        try {
            run.startServer();
        } catch (RuntimeException notStarted) {
            queue.join().close();
            throw notStarted;
        }
        return queue.join();
    }

    /**
     * The longest a webhook may wait for its answer, from the settings the scenario's server runs with
     * (application.properties): its turn for a sender ({@code inbound.ingest.max-queue-wait-ms}; a request
     * that waited longer is answered 503 at once), the batch's linger, and the call to the queue
     * ({@code inbound.sqs.call-timeout-ms}; past it, 503) — plus a margin.
     */
    private static Duration answerBound() {
        Properties settings = new Properties();
        try (InputStream in = QueueStallReliabilityTest.class.getResourceAsStream("/application.properties")) {
            settings.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Duration.ofMillis(Long.parseLong(settings.getProperty("inbound.ingest.max-queue-wait-ms").trim())
                + Long.parseLong(settings.getProperty("inbound.ingest.batch-linger-ms").trim())
                + Long.parseLong(settings.getProperty("inbound.sqs.call-timeout-ms").trim())).plus(MARGIN);
    }
}
