package inbound.store;

import inbound.queue.QueuedEvent;
import java.time.Instant;

/**
 * Where one event is in its life: {@code accepted} (the worker has it), {@code processed},
 * {@code dead_lettered} (with the reason) or {@code replayed} (back on the queue after a fix).
 * Built by name — {@code EventStatus.of(event).processed(now)} — and only the database reads a row
 * back through the constructor.
 */
public record EventStatus(
        String eventId,
        String provider,
        String topic,
        String deliveryId,
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

    /** The status of the event as the worker received it: its ids, group, time of receipt and counts. */
    public static Builder of(QueuedEvent event) {
        return of(event.eventId(), event.provider(), event.topic()).deliveryId(event.deliveryId()).groupId(event.groupId())
                .receivedAt(event.receivedAt())
                .receiveCount(event.receiveCount()).replayCount(event.replayCount());
    }

    /** The status of an event known by its ids; delivery id, group, time of receipt and counts are unknown (0) until given. */
    public static Builder of(String eventId, String provider, String topic) {
        return new Builder(eventId, provider, topic);
    }

    /** What is known of the event; each state it can be in ends the building. */
    public static final class Builder {

        private final String eventId;
        private final String provider;
        private final String topic;
        private String deliveryId;
        private String groupId;
        private Instant receivedAt;
        private int receiveCount;
        private int replayCount;

        private Builder(String eventId, String provider, String topic) {
            this.eventId = eventId;
            this.provider = provider;
            this.topic = topic;
        }

        /** The provider's delivery id; unknown (null) keeps the one recorded before. */
        public Builder deliveryId(String deliveryId) {
            this.deliveryId = deliveryId;
            return this;
        }

        public Builder groupId(String groupId) {
            this.groupId = groupId;
            return this;
        }

        public Builder receivedAt(Instant receivedAt) {
            this.receivedAt = receivedAt;
            return this;
        }

        public Builder receiveCount(int receiveCount) {
            this.receiveCount = receiveCount;
            return this;
        }

        public Builder replayCount(int replayCount) {
            this.replayCount = replayCount;
            return this;
        }

        /** The worker has the event. */
        public EventStatus accepted(Instant at) {
            return state(ACCEPTED, null, null, null, at);
        }

        /** The worker has the event, and will try again after this failure. */
        public EventStatus retrying(String errorCode, String errorMessage, String failedStage, Instant at) {
            return state(ACCEPTED, errorCode, errorMessage, failedStage, at);
        }

        public EventStatus processed(Instant at) {
            return state(PROCESSED, null, null, null, at);
        }

        public EventStatus deadLettered(String errorCode, String errorMessage, String failedStage, Instant at) {
            return state(DEAD_LETTERED, errorCode, errorMessage, failedStage, at);
        }

        /** Back on the queue after a fix: the reason it failed is behind it. */
        public EventStatus replayed(Instant at) {
            return state(REPLAYED, null, null, null, at);
        }

        private EventStatus state(String status, String errorCode, String errorMessage, String failedStage, Instant at) {
            return new EventStatus(eventId, provider, topic, deliveryId, groupId, receivedAt, status, errorCode, errorMessage, failedStage,
                    receiveCount, replayCount, at);
        }
    }
}
