package inbound.queue;

/**
 * A restart's re-send of the embedded queue's stored messages, which runs while Inbound already takes
 * events: until a message group's stored messages are all queued again, a new event of that group would go
 * before them, and a replay could move a dead letter ahead of its group's stored ones. Amazon SQS keeps
 * its messages across a restart and has none.
 */
public interface QueueRestore {

    /** Nothing to queue again: Amazon SQS, or a queue with nothing stored. */
    QueueRestore NONE = new QueueRestore() {
        @Override
        public boolean running() {
            return false;
        }

        @Override
        public boolean holds(String groupId) {
            return false;
        }

        @Override
        public long remaining() {
            return 0;
        }
    };

    /** Whether the stored messages are still being queued again (or could not all be). */
    boolean running();

    /** Whether {@code groupId} still has stored messages waiting to be queued again. */
    boolean holds(String groupId);

    /** How many stored messages still wait to be queued again. */
    long remaining();
}
