package inbound.queue;

/**
 * Inbound is overloaded, so this event was not sent: the queue writer had kept it (or others of its
 * sender) waiting longer than it allows, or had too many waiting, or the heap is over its limit
 * ({@code HeapGuard} — mostly the embedded queue's own messages). Answered 503 {@code queue_busy}.
 */
public final class Overloaded extends QueueWriteRejected {

    public Overloaded(String message) {
        super(message);
    }
}
