package inbound.embedded;

/** The embedded queue's file cannot be read whole: Inbound must not start on it. The message names the file and how to recover. */
public final class EmbeddedQueueFileDamaged extends IllegalStateException {

    EmbeddedQueueFileDamaged(String message) {
        super(message);
    }
}
