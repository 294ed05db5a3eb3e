package inbound.queue;

import java.time.Instant;

/**
 * One event as it travels on the queue: the raw body (the copy of record) and its metadata
 * attributes, with the FIFO group it was queued in and how often it was received and replayed.
 */
public record QueuedEvent(
        String eventId,
        String provider,
        String topic,
        String deliveryId,
        String groupId,
        Instant receivedAt,
        int receiveCount,
        int replayCount,
        String body) {
}
