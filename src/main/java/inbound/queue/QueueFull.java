package inbound.queue;

/** The embedded queue holds as much as its bound allows, so this event was not sent ({@code inbound.ingest.QueueFullGuard}). */
public final class QueueFull extends QueueWriteRejected {

    public QueueFull(String message) {
        super(message);
    }
}
