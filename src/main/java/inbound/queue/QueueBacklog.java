package inbound.queue;

/** What a queue holds that costs this process memory, and the sends that add to it; known only for the embedded queue. */
public interface QueueBacklog {

    /** Messages and body bytes, as of the latest measurement plus the sends counted since. */
    Held held();

    /** A message of {@code bodyBytes} is about to be sent: it is held from now on, until deleted and out of the queue's history. */
    void countSend(long bodyBytes);

    record Held(long messages, long bodyBytes) {
    }
}
