package inbound.lambda;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import inbound.ingest.IngestOutcome;
import inbound.support.MetricNames;
import inbound.support.PipelineMetrics;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The Lambda shape's metrics: CloudWatch Embedded Metric Format, one JSON line in the function's log for each
 * thing counted (a webhook answered, an event the worker dealt with, a send, a replay), which CloudWatch turns
 * into metrics of namespace {@code Inbound} — no API call on the hot path. The names and each metric's dimensions
 * are the server's ({@link MetricNames#TAGS}): a line holds one directive for each set of dimensions among its metrics.
 */
final class EmfLine implements PipelineMetrics {

    static final String NAMESPACE = "Inbound";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrintStream log;
    private final Clock clock;

    EmfLine(PrintStream log, Clock clock) {
        this.log = log;
        this.clock = clock;
    }

    /** One webhook answered: {@code inbound_ingest_requests_total} and {@code inbound_ingest_duration_seconds}. */
    void ingestAnswered(Instant at, IngestOutcome outcome, Duration took) {
        Map<String, Number> values = new LinkedHashMap<>();
        values.put(MetricNames.INGEST_REQUESTS, 1);
        values.put(MetricNames.INGEST_DURATION, seconds(took));
        write(at, Map.of(MetricNames.PROVIDER, outcome.provider(), MetricNames.STATUS, String.valueOf(outcome.status()),
                MetricNames.REASON, outcome.reason()), values);
    }

    /** {@code inbound_worker_events_total}; {@code inbound_worker_duration_seconds} and {@code inbound_end_to_end_seconds} where given. */
    @Override
    public void workerEvent(String provider, String outcome, Optional<Duration> ran, Optional<Duration> sinceReceived) {
        Map<String, Number> values = new LinkedHashMap<>();
        values.put(MetricNames.WORKER_EVENTS, 1);
        ran.ifPresent(took -> values.put(MetricNames.WORKER_DURATION, seconds(took)));
        sinceReceived.ifPresent(took -> values.put(MetricNames.END_TO_END, seconds(took)));
        write(clock.instant(), Map.of(MetricNames.PROVIDER, provider, MetricNames.OUTCOME, outcome), values);
    }

    /** {@code inbound_queue_send_batch_size}. */
    @Override
    public void queueSendBatch(int events) {
        write(clock.instant(), Map.of(), Map.of(MetricNames.QUEUE_SEND_BATCH_SIZE, events));
    }

    /** {@code inbound_replays_total}. */
    @Override
    public void replayed(String mode, String outcome) {
        write(clock.instant(), Map.of(MetricNames.MODE, mode, MetricNames.OUTCOME, outcome), Map.of(MetricNames.REPLAYS, 1));
    }

    private static double seconds(Duration took) {
        return took.toNanos() / 1e9;
    }

    /**
     * One line: when, a directive per set of dimensions (each metric's own, of {@link MetricNames#TAGS}; metrics in
     * their names' order), the tags' values and the metrics' values.
     */
    private void write(Instant at, Map<String, String> tags, Map<String, Number> values) {
        ObjectNode line = JSON.createObjectNode();
        ArrayNode directives = line.putObject("_aws").put("Timestamp", at.toEpochMilli()).putArray("CloudWatchMetrics");
        Map<List<String>, ArrayNode> metricsByDimensions = new LinkedHashMap<>();
        new TreeMap<>(values).keySet().forEach(name -> metricsByDimensions.computeIfAbsent(MetricNames.TAGS.get(name), dimensions -> {
            ObjectNode directive = directives.addObject().put("Namespace", NAMESPACE);
            dimensions.forEach(directive.putArray("Dimensions").addArray()::add);
            return directive.putArray("Metrics");
        }).addObject().put("Name", name).put("Unit", name.endsWith("_seconds") ? "Seconds" : "Count"));
        new TreeMap<>(tags).forEach(line::put);
        new TreeMap<>(values).forEach((name, value) -> {
            if (value instanceof Integer count) {
                line.put(name, count);
            } else {
                line.put(name, value.doubleValue());
            }
        });
        log.println(line);
    }
}
