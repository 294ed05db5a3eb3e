package inbound.store;

import java.time.Instant;

/**
 * Where one event is in its life: {@code accepted} (the worker has it), {@code processed},
 * {@code dead_lettered} (with the reason) or {@code replayed} (back on the queue after a fix).
 */
public record EventStatus(
        String eventId,
        String provider,
        String topic,
        String groupId,
        Instant receivedAt,
        String status,
        String errorCode,
        String errorMessage,
        String failedStage,
        int receiveCount,
        int replayCount,
        Instant updatedAt) {

    public static final String ACCEPTED = "accepted";
    public static final String PROCESSED = "processed";
    public static final String DEAD_LETTERED = "dead_lettered";
    public static final String REPLAYED = "replayed";
}
