package inbound.queue;

/** The queue is behind: this event was not sent, because it would have waited longer than the writer allows. */
public final class QueueBusy extends QueueWriteRejected {

    public QueueBusy(String message) {
        super(message);
    }
}
