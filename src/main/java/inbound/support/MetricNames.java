package inbound.support;

import java.util.List;
import java.util.Map;

/**
 * The names Inbound's metrics are exported under, in Prometheus's form, and their tags: one set for both
 * shapes. Tag values stay bounded: providers come from the catalogue (else {@code unknown}); no topic, id or
 * group is ever a tag value.
 */
public final class MetricNames {

    /** Counter; tags {@link #PROVIDER}, {@link #STATUS} (the HTTP code), {@link #REASON} ({@code accepted} or the error code). */
    public static final String INGEST_REQUESTS = "inbound_ingest_requests_total";
    /** Histogram of the time from a webhook's request to its answer; tag {@link #PROVIDER}. */
    public static final String INGEST_DURATION = "inbound_ingest_duration_seconds";
    /** Distribution of how many events one send to the queue carried (group commit); no tags. */
    public static final String QUEUE_SEND_BATCH_SIZE = "inbound_queue_send_batch_size";
    /**
     * Counter; tags {@link #PROVIDER}, {@link #OUTCOME} ({@code processed}, {@code duplicate}, {@code dead_lettered},
     * {@code retried}, {@code held_back}).
     */
    public static final String WORKER_EVENTS = "inbound_worker_events_total";
    /** Histogram of the time the worker ran one event, whatever its outcome; tag {@link #PROVIDER}. */
    public static final String WORKER_DURATION = "inbound_worker_duration_seconds";
    /** Histogram of the time from an event's receipt to its processing; tag {@link #PROVIDER}. */
    public static final String END_TO_END = "inbound_end_to_end_seconds";
    /** Gauge, read from the queue when scraped; tags {@link #QUEUE} ({@code main}, {@code dlq}), {@link #STATE} ({@code visible}, {@code in_flight}). */
    public static final String QUEUE_MESSAGES = "inbound_queue_messages";
    /**
     * Counter of dead letters replayed; tags {@link #MODE} ({@code queue}, {@code direct}), {@link #OUTCOME}
     * ({@code moved} or {@code failed} for {@code queue}, {@code processed} or {@code failed} for {@code direct}).
     */
    public static final String REPLAYS = "inbound_replays_total";

    public static final String PROVIDER = "provider";
    public static final String STATUS = "status";
    public static final String REASON = "reason";
    public static final String OUTCOME = "outcome";
    public static final String QUEUE = "queue";
    public static final String STATE = "state";
    public static final String MODE = "mode";

    /** Each metric's tags, in the order the Lambda shape's dimension sets name them. */
    public static final Map<String, List<String>> TAGS = Map.of(
            INGEST_REQUESTS, List.of(PROVIDER, STATUS, REASON),
            INGEST_DURATION, List.of(PROVIDER),
            QUEUE_SEND_BATCH_SIZE, List.of(),
            WORKER_EVENTS, List.of(PROVIDER, OUTCOME),
            WORKER_DURATION, List.of(PROVIDER),
            END_TO_END, List.of(PROVIDER),
            QUEUE_MESSAGES, List.of(QUEUE, STATE),
            REPLAYS, List.of(MODE, OUTCOME));

    private MetricNames() {
    }
}
