package inbound.lambda;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import inbound.ingest.IngestOutcome;
import inbound.store.EventStatus;
import inbound.support.MetricNames;
import inbound.worker.WorkerOutcome;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Lambda shape's metrics: CloudWatch Embedded Metric Format, one JSON line in the function's log per
 * invocation, which CloudWatch turns into metrics of namespace {@code Inbound} — no API call on the hot path.
 * The names and dimensions are the server's ({@link MetricNames}).
 */
final class EmfLine {

    static final String NAMESPACE = "Inbound";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrintStream log;

    EmfLine(PrintStream log) {
        this.log = log;
    }

    /** One webhook answered: {@code inbound_ingest_requests_total} and {@code inbound_ingest_duration_seconds}. */
    void ingestAnswered(Instant at, IngestOutcome outcome, Duration took) {
        ObjectNode line = line(at, List.of(MetricNames.PROVIDER, MetricNames.STATUS, MetricNames.REASON),
                Map.of(MetricNames.INGEST_REQUESTS, "Count", MetricNames.INGEST_DURATION, "Seconds"));
        line.put(MetricNames.PROVIDER, outcome.provider())
                .put(MetricNames.STATUS, String.valueOf(outcome.status()))
                .put(MetricNames.REASON, outcome.reason())
                .put(MetricNames.INGEST_REQUESTS, 1)
                .put(MetricNames.INGEST_DURATION, took.toNanos() / 1e9);
        log.println(line);
    }

    /** A status the worker recorded, when it is one of its outcomes: {@code inbound_worker_events_total}, and for a processed event {@code inbound_end_to_end_seconds}. */
    void statusSaved(EventStatus status) {
        WorkerOutcome.of(status).ifPresent(outcome -> {
            boolean processed = status.status().equals(EventStatus.PROCESSED) && status.receivedAt() != null;
            ObjectNode line = line(status.updatedAt(), List.of(MetricNames.PROVIDER, MetricNames.OUTCOME), processed
                    ? Map.of(MetricNames.WORKER_EVENTS, "Count", MetricNames.END_TO_END, "Seconds")
                    : Map.of(MetricNames.WORKER_EVENTS, "Count"));
            line.put(MetricNames.PROVIDER, status.provider() == null ? "unknown" : status.provider())
                    .put(MetricNames.OUTCOME, outcome)
                    .put(MetricNames.WORKER_EVENTS, 1);
            if (processed) {
                line.put(MetricNames.END_TO_END, Duration.between(status.receivedAt(), status.updatedAt()).toNanos() / 1e9);
            }
            log.println(line);
        });
    }

    /** A line's metadata: when, its one set of dimensions, and each metric's unit (names in a stable order). */
    private static ObjectNode line(Instant at, List<String> dimensions, Map<String, String> units) {
        ObjectNode line = JSON.createObjectNode();
        ObjectNode directive = line.putObject("_aws").put("Timestamp", at.toEpochMilli())
                .putArray("CloudWatchMetrics").addObject().put("Namespace", NAMESPACE);
        ArrayNode names = directive.putArray("Dimensions").addArray();
        dimensions.forEach(names::add);
        ArrayNode metrics = directive.putArray("Metrics");
        new TreeMap<>(units).forEach((name, unit) -> metrics.addObject().put("Name", name).put("Unit", unit));
        return line;
    }
}
