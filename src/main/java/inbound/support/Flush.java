package inbound.support;

import java.util.List;

/**
 * Makes what a store has acknowledged survive a crash of this process: the queue writer calls it
 * before any 202, the worker before it deletes finished messages from the queue.
 */
@FunctionalInterface
public interface Flush {

    /** A store that keeps what it acknowledged (Amazon SQS, PostgreSQL): nothing to do. */
    Flush NONE = () -> { };

    /** @throws FlushFailed when what was acknowledged could not be made durable */
    void flush();

    /**
     * Flushes after a write the store confirmed for these messages (their ids in the store). A store that
     * can tell whether a confirmed message really is in it checks them too.
     *
     * @throws FlushFailed when what was acknowledged could not be made durable, or is not in the store
     */
    default void flushConfirmed(List<String> confirmedIds) {
        flush();
    }
}
