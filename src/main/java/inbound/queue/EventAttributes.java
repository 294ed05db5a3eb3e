package inbound.queue;

import inbound.claimcheck.PayloadPointer;
import java.util.List;

/**
 * The names under which a queued event's metadata travels as SQS message attributes, and the
 * exchange properties that carry its FIFO group and deduplication ids. Worker, replay and tools
 * read the same names.
 */
public final class EventAttributes {

    public static final String PROVIDER = "provider";
    public static final String TOPIC = "topic";
    public static final String EVENT_ID = "eventId";
    public static final String DELIVERY_ID = "deliveryId";
    public static final String RECEIVED_AT = "receivedAt";
    /**
     * The event's own metadata, named above, and the size of its body where the body is stored aside
     * ({@link PayloadPointer#SIZE_ATTRIBUTE}): every copy of the event — queued, dead-lettered, replayed —
     * carries these.
     */
    public static final List<String> EVENT_METADATA = List.of(PROVIDER, TOPIC, EVENT_ID, DELIVERY_ID, RECEIVED_AT,
            PayloadPointer.SIZE_ATTRIBUTE);
    /** Set when an operator replays a dead letter: how many times this event was replayed. */
    public static final String REPLAY_COUNT = "replayCount";
    /**
     * Set only on the one-record event a direct replay hands the worker function: a failure then
     * leaves the dead letter where it is instead of writing a new one.
     */
    public static final String REPLAY_MODE = "replayMode";
    public static final String DIRECT_REPLAY_MODE = "direct";

    /** Exchange property holding the message group a message is sent in (Inbound's own writers read it, not camel-aws2-sqs). */
    public static final String GROUP_ID_PROPERTY = "inbound.groupId";
    /** Exchange property holding the FIFO deduplication id a message is sent with. */
    public static final String DEDUPLICATION_ID_PROPERTY = "inbound.deduplicationId";
    /** Exchange property holding the event's {@link TraceHeader}: every copy of it is sent with it. */
    public static final String TRACE_PROPERTY = "inbound.trace";

    private EventAttributes() {
    }
}
