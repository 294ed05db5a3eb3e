package inbound.store;

import java.time.Instant;

/**
 * What the operator looks for among the events, newest received first; each criterion left null matches
 * every event. {@code id} is an event id or a provider's delivery id. {@code text} is looked for, ignoring
 * case, in the payloads of the newest {@link #TEXT_SEARCH_WINDOW} processed events only, so that a search
 * costs the same on a table of any size.
 */
public record EventQuery(
        String provider,
        String topic,
        String status,
        String errorCode,
        String groupId,
        String id,
        String text,
        Instant receivedFrom,
        Instant receivedUntil,
        int offset,
        int limit) {

    public static final int TEXT_SEARCH_WINDOW = 10_000;

    /** Every event, the first page of the given size. */
    public static EventQuery all(int limit) {
        return new EventQuery(null, null, null, null, null, null, null, null, null, 0, limit);
    }
}
