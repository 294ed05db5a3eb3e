package inbound.queue;

/** The event's message group still has stored messages being queued again after a restart ({@link QueueRestore}): it would go before them. */
public final class GroupRestoring extends QueueWriteRejected {

    public GroupRestoring(String message) {
        super(message);
    }
}
