package inbound.queue;

/**
 * Inbound is behind, so this event was not sent: the queue writer had kept it (or others of its sender)
 * waiting longer than it allows, or had too many waiting, or the heap is over its limit ({@code HeapGuard}
 * — mostly the embedded queue's own messages).
 */
public final class QueueBusy extends QueueWriteRejected {

    public QueueBusy(String message) {
        super(message);
    }
}
