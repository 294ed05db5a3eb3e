package inbound.support;

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
    /** Counter; tags {@link #PROVIDER}, {@link #OUTCOME} ({@code processed}, {@code dead_lettered}, {@code retried}). */
    public static final String WORKER_EVENTS = "inbound_worker_events_total";
    /** Histogram of the time from an event's receipt to its processing; tag {@link #PROVIDER}. */
    public static final String END_TO_END = "inbound_end_to_end_seconds";
    /** Gauge, read from the queue when scraped; tags {@link #QUEUE} ({@code main}, {@code dlq}), {@link #STATE} ({@code visible}, {@code in_flight}). */
    public static final String QUEUE_MESSAGES = "inbound_queue_messages";
    /** Counter; tags {@link #MODE} ({@code queue}), {@link #OUTCOME} ({@code moved}). */
    public static final String REPLAYS = "inbound_replays_total";

    public static final String PROVIDER = "provider";
    public static final String STATUS = "status";
    public static final String REASON = "reason";
    public static final String OUTCOME = "outcome";
    public static final String QUEUE = "queue";
    public static final String STATE = "state";
    public static final String MODE = "mode";

    private MetricNames() {
    }
}
