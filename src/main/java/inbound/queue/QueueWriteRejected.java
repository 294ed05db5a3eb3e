package inbound.queue;

/** The queue answered, but did not take this event (one failed entry of a batch, or Inbound stopping). */
public class QueueWriteRejected extends RuntimeException {

    public QueueWriteRejected(String message) {
        super(message, null, false, false);
    }
}
