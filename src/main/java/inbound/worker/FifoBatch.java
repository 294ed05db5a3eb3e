package inbound.worker;

import inbound.secrets.SecretUnavailable;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Which messages of one receive from a FIFO queue are left on the queue, to be handed out again: the
 * batch item failures the worker function reports, the messages the server's consumer holds back.
 * Messages run in their order. One that failed is left, and every later message of its group is left
 * without being run, so that the queue hands them out again after it, in order; the other groups go
 * on. Once the batch stops (its time is up, or the database is unavailable: see {@link Outcome#ofFailure})
 * every message not yet run is left as well. (Powertools' Java FIFO processor leaves the whole rest of
 * the batch after the first failure; this skips only the failed group, as its Python sibling can.)
 */
public final class FifoBatch {

    /** How a message's run ended, as far as the rest of its batch is concerned. */
    public enum Outcome {
        /** Processed, or skipped as processed before. */
        PROCESSED,
        /**
         * A permanent failure, moved to the dead-letter queue: done with, and its group goes on. In a
         * direct replay, which writes no new dead letter, it is a failure like {@link #FAILED}.
         */
        PERMANENT_FAILURE,
        /** A failure that may pass (retried in the run already): left, with its group's later messages. */
        FAILED,
        /** The database or a secret is unavailable: the messages after it would fail the same way, and are left unrun. */
        UNAVAILABLE;

        /** SQL states of class 08, "connection exception" (08001 cannot connect, 08006 connection failure, 08S01 link failure, ...). */
        private static final String CONNECTION_EXCEPTION_CLASS = "08";

        /**
         * The outcome of a run that failed: {@link #UNAVAILABLE} when the cause is that the database
         * cannot be reached — an SQL state of class 08, or the pool's {@link SQLTransientConnectionException}
         * (no connection within its timeout) — or a secret could not be read; {@link #FAILED} for every
         * other failure, other SQL states included (40001 serialization failure, 40P01 deadlock, 55P03
         * lock not available, 57014 statement timeout): they concern this event, not the ones after it.
         */
        public static Outcome ofFailure(Throwable failure) {
            for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
                if (cause instanceof SecretUnavailable || cause instanceof SQLTransientConnectionException
                        || cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith(CONNECTION_EXCEPTION_CLASS)) {
                    return UNAVAILABLE;
                }
            }
            return FAILED;
        }
    }

    /** Runs one message of a batch; a failure it does not catch counts as {@link Outcome#ofFailure}. */
    @FunctionalInterface
    public interface Run {
        Outcome run(QueuedMessage message, int index) throws Exception;
    }

    private final Set<String> failedGroups = new HashSet<>();
    private final List<String> left = new ArrayList<>();
    private boolean stopped;

    /**
     * Runs a batch's messages in order, each as far as the batch lets it ({@code timeIsUp} is asked
     * before each), and answers the ids of the messages left on the queue; {@code heldBack} is told of each
     * message left unrun behind a failed one of its group.
     */
    public static List<String> run(List<QueuedMessage> messages, BooleanSupplier timeIsUp, Run run, Consumer<QueuedMessage> heldBack) {
        FifoBatch batch = new FifoBatch();
        for (int index = 0; index < messages.size(); index++) {
            QueuedMessage message = messages.get(index);
            if (timeIsUp.getAsBoolean()) {
                batch.stop();
            }
            if (!batch.mayRun(message.groupId())) {
                if (!batch.stopped) {
                    heldBack.accept(message);
                }
                batch.notRun(message.messageId(), message.groupId());
                continue;
            }
            Outcome outcome;
            try {
                outcome = run.run(message, index);
            } catch (Exception failure) {
                outcome = Outcome.ofFailure(failure);
            }
            batch.ran(message.messageId(), message.groupId(),
                    message.directReplay() && outcome == Outcome.PERMANENT_FAILURE ? Outcome.FAILED : outcome);
        }
        return batch.left();
    }

    /** Whether a message of this group (null: of none) may run now, or is to be left unrun. */
    public boolean mayRun(String group) {
        return !stopped && (group == null || !failedGroups.contains(group));
    }

    /** Notes how a message that ran ended. */
    public void ran(String messageId, String group, Outcome outcome) {
        if (outcome == Outcome.PROCESSED || outcome == Outcome.PERMANENT_FAILURE) {
            return;
        }
        leave(messageId, group);
        if (outcome == Outcome.UNAVAILABLE) {
            stop();
        }
    }

    /** Notes a message left unrun, because {@link #mayRun} said so. */
    public void notRun(String messageId, String group) {
        leave(messageId, group);
    }

    /** Leaves every message not yet run (the batch's time is up). */
    public void stop() {
        stopped = true;
    }

    /** The ids of the messages left on the queue, in their order. */
    public List<String> left() {
        return List.copyOf(left);
    }

    private void leave(String messageId, String group) {
        left.add(messageId);
        if (group != null) {
            failedGroups.add(group);
        }
    }
}
