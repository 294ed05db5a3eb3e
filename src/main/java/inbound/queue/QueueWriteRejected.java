package inbound.queue;

/** The event was not queued though the queue could be reached: one failed entry of a batch, Inbound stopping, or Inbound overloaded ({@link Overloaded}). */
public class QueueWriteRejected extends RuntimeException {

    public QueueWriteRejected(String message) {
        super(message, null, false, false);
    }
}
