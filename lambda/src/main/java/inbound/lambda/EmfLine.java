package inbound.lambda;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import inbound.ingest.IngestOutcome;
import inbound.support.MetricNames;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;

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
        ObjectNode line = JSON.createObjectNode();
        ObjectNode metadata = line.putObject("_aws").put("Timestamp", at.toEpochMilli());
        ObjectNode directive = metadata.putArray("CloudWatchMetrics").addObject().put("Namespace", NAMESPACE);
        directive.putArray("Dimensions").addArray().add(MetricNames.PROVIDER).add(MetricNames.STATUS).add(MetricNames.REASON);
        ArrayNode metrics = directive.putArray("Metrics");
        metrics.addObject().put("Name", MetricNames.INGEST_REQUESTS).put("Unit", "Count");
        metrics.addObject().put("Name", MetricNames.INGEST_DURATION).put("Unit", "Seconds");
        line.put(MetricNames.PROVIDER, outcome.provider())
                .put(MetricNames.STATUS, String.valueOf(outcome.status()))
                .put(MetricNames.REASON, outcome.reason())
                .put(MetricNames.INGEST_REQUESTS, 1)
                .put(MetricNames.INGEST_DURATION, took.toNanos() / 1e9);
        log.println(line);
    }
}
