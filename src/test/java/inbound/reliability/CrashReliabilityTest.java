package inbound.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import inbound.reliability.HaltAtMoment.Moment;
import inbound.testing.WebhookClient;
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
 *
 * <p>One event in {@value #POISON_EVERY} of each group is poison: it fails for good and waits in the
 * dead letters. Once the rest is processed, the fix is deployed and the dead letters are replayed,
 * with a kill during a filtered replay's moves and one during a direct replay (a
 * {@code reliability.replay-kills} of two); then the rest is replayed. Each poison event must then be
 * processed once too, and the poison events of a group in their order.
 */
class CrashReliabilityTest {

    /** The order the kills take: the short run of {@code mvn verify} (two kills) aims at the first two. */
    private static final List<Optional<Moment>> TURNS = List.of(
            Optional.of(Moment.BEFORE_CHECKPOINT), Optional.of(Moment.BEFORE_DELETE), Optional.empty(), Optional.of(Moment.SEND_BATCH));

    private static final int POISON_EVERY = 20;

    @TempDir
    Path dir;

    @Test
    void shouldLoseNothingAcknowledgedAcrossKill9sUnderLoad() throws Exception {
        int kills = Integer.getInteger("reliability.kills", 2);
        int replayKills = Integer.getInteger("reliability.replay-kills", 2);
        long seed = Long.getLong("reliability.seed", System.nanoTime());
        Random random = new Random(seed);
        List<String> how = new ArrayList<>();
        try (ScenarioRun run = new ScenarioRun("crash", dir, 400, 20, 40).withPoison(POISON_EVERY)) {
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
            run.awaitDrained();
            int poison = run.poisonAcknowledged();
            run.killServer();
            how.add("SIGKILL once the queue was empty");
            run.deployFix();
            for (int kill = 0; kill < replayKills; kill++) {
                int occurrence = 1 + random.nextInt(Math.min(10, poison));
                if (kill % 2 == 0) {
                    run.runServerUntil(Moment.REPLAY_MOVE, occurrence, client -> client.operatorPost("/dead-letters/replay", "{\"all\": true}", Harness.ADMIN_TOKEN));
                    how.add("during a filtered replay's moves (" + Moment.REPLAY_MOVE.variableValue(occurrence) + ")");
                } else {
                    run.runServerUntil(Moment.DEAD_LETTER_DELETE, occurrence, client -> replayEachDirectly(run, client));
                    how.add("during a direct replay (" + Moment.DEAD_LETTER_DELETE.variableValue(occurrence) + ")");
                }
            }
            run.startServer();
            run.replayAllDeadLetters();
            Verdict verdict = run.finish(run.h2Database(), "killed " + String.join(", ", how) + "; " + poison
                    + " poison events dead-lettered, then replayed after the fix; seed " + seed);

            assertThat(verdict.acknowledged()).as("every event acknowledged in the end").isEqualTo(run.total());
            assertThat(verdict.lost()).as("acknowledged events lost").isZero();
            assertThat(verdict.deadLettered()).as("valid events dead-lettered").isZero();
            assertThat(verdict.reordered()).as("events processed before an earlier one of their group").isZero();
            assertThat(verdict.recordedWithoutEffect()).as("events recorded without their processing").isZero();
        }
    }

    /**
     * Direct replays of the poison events, each group's in order, as an operator would try them one by
     * one — once the worker is through what an earlier replay moved to the queue, which a direct
     * replay would otherwise overtake.
     */
    private static void replayEachDirectly(ScenarioRun run, WebhookClient client) {
        run.awaitQueueEmpty();
        for (Delivery delivery : run.poisonDeliveries()) {
            if (run.ledger().eventId(delivery).isPresent()) {
                client.operatorPost("/dead-letters/" + run.eventId(delivery) + "/replay?mode=direct", "{}", Harness.ADMIN_TOKEN);
            }
        }
    }
}
