package inbound.operator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import inbound.ingest.IngestOutcome;
import inbound.queue.QueueDepth;
import inbound.store.EventStatus;
import inbound.store.EventStore;
import inbound.support.JsonAnswers;
import inbound.support.MinuteTally;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * {@code GET /overview}: per provider, how often the worker processed, dead-lettered and replayed an event, and —
 * where ingest's answers are counted — what ingest accepted and refused (by reason) and how fast it answered;
 * both queues' depth; and per minute of the last hour, what was accepted, processed and dead-lettered. Each
 * shape counts its own way:
 * <ul>
 *   <li>{@link #countedInThisProcess}, the server: its own tallies since it started, for the last hour and the
 *       last 24 hours (reading a day of history from the database at each refresh would cost a scan of
 *       millions of rows at a sustained rate);</li>
 *   <li>{@link #countedFromHistory}, the Lambda shape, where one container's tally means nothing and ingest
 *       writes nothing to the database: the worker's outcomes of the last hour, from the event store's history
 *       (a range of one index). The answer says what it does not count, and where that is.</li>
 * </ul>
 */
public final class OverviewView implements Processor {

    private static final int CHART_MINUTES = 60;
    private static final Duration LAST_HOUR = Duration.ofHours(1);
    private static final Duration LAST_DAY = Duration.ofDays(1);
    private static final List<String> COUNTED_STATES = List.of(EventStatus.PROCESSED, EventStatus.DEAD_LETTERED, EventStatus.REPLAYED);
    private static final List<String> CHARTED_STATES = List.of(EventStatus.PROCESSED, EventStatus.DEAD_LETTERED);

    private final Optional<MinuteTally> ingest;
    private final WorkerOutcomes worker;
    private final Map<String, Duration> windows;
    private final QueueDepth queue;
    private final QueueDepth deadLetters;
    private final Clock clock;
    private final Duration retention;
    private final Optional<String> notCounted;

    private OverviewView(Optional<MinuteTally> ingest, WorkerOutcomes worker, Map<String, Duration> windows, QueueDepth queue,
            QueueDepth deadLetters, Clock clock, Duration retention, Optional<String> notCounted) {
        this.ingest = ingest;
        this.worker = worker;
        this.windows = windows;
        this.queue = queue;
        this.deadLetters = deadLetters;
        this.clock = clock;
        this.retention = retention;
        this.notCounted = notCounted;
    }

    /** The server shape: ingest's answers and the worker's outcomes as this process counted them since it started. */
    public static OverviewView countedInThisProcess(MinuteTally ingest, MinuteTally worker, QueueDepth queue, QueueDepth deadLetters,
            Clock clock, Duration retention) {
        Map<String, Duration> windows = new LinkedHashMap<>();
        windows.put("lastHour", LAST_HOUR);
        windows.put("last24Hours", LAST_DAY);
        return new OverviewView(Optional.of(ingest), tallied(worker), windows, queue, deadLetters, clock, retention, Optional.empty());
    }

    /**
     * The Lambda shape: the worker's outcomes of the last hour from the event store's history.
     *
     * @param retention how long the retention function keeps processed events
     * @param dashboard the CloudWatch dashboard that shows the rest, when the deployment has one
     */
    public static OverviewView countedFromHistory(EventStore store, QueueDepth queue, QueueDepth deadLetters, Clock clock,
            Duration retention, Optional<String> dashboard) {
        String elsewhere = dashboard.map(name -> "They are on the CloudWatch dashboard " + name + ".")
                .orElse("They are in CloudWatch: the ingest function's metrics and the queues' ApproximateAgeOfOldestMessage.");
        String notCounted = "Not counted here: the webhooks ingest accepted and refused and how fast it answered (each of its containers"
                + " counts only its own), the last 24 hours (a day of history at each refresh would cost a scan of millions of rows),"
                + " and the age of the oldest message (SQS gives it to CloudWatch only). " + elsewhere;
        return new OverviewView(Optional.empty(), recorded(store), Map.of("lastHour", LAST_HOUR), queue, deadLetters, clock, retention,
                Optional.of(notCounted));
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Instant now = clock.instant();
        ObjectNode body = OperatorJson.JSON.createObjectNode()
                .put("at", now.toString())
                .put("countsIngest", ingest.isPresent());
        ingest.ifPresent(tally -> body.put("countingSince", tally.countingSince().toString()));
        body.put("retentionDays", retention.toDays());
        notCounted.ifPresent(sentence -> body.put("notCounted", sentence));
        ObjectNode windowsNode = body.putObject("windows");
        for (Map.Entry<String, Duration> window : windows.entrySet()) {
            windowsNode.set(window.getKey(), window(now.minus(window.getValue())));
        }
        ObjectNode queues = body.putObject("queues");
        queues.set("main", depth(queue));
        queues.set("deadLetters", depth(deadLetters));
        body.set("perMinute", perMinute(now.truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(CHART_MINUTES - 1))));
        JsonAnswers.answer(exchange, 200, body);
    }

    private ObjectNode window(Instant since) throws Exception {
        Map<String, MinuteTally.ProviderTally> answered = ingest.map(tally -> tally.since(since)).orElse(Map.of());
        Map<String, Map<String, Long>> worked = worker.since(since);
        Set<String> providers = new TreeSet<>(answered.keySet());
        providers.addAll(worked.keySet());
        ObjectNode window = OperatorJson.JSON.createObjectNode().put("since", since.toString());
        ArrayNode rows = window.putArray("providers");
        for (String provider : providers) {
            ObjectNode row = rows.addObject().put("provider", provider);
            if (ingest.isPresent()) {
                ingestCounts(row, answered.get(provider));
            }
            Map<String, Long> states = worked.getOrDefault(provider, Map.of());
            row.put("processed", states.getOrDefault(EventStatus.PROCESSED, 0L))
                    .put("deadLettered", states.getOrDefault(EventStatus.DEAD_LETTERED, 0L))
                    .put("replayed", states.getOrDefault(EventStatus.REPLAYED, 0L));
        }
        return window;
    }

    private static void ingestCounts(ObjectNode row, MinuteTally.ProviderTally answers) {
        ObjectNode refused = OperatorJson.JSON.createObjectNode();
        long accepted = 0;
        long refusedTotal = 0;
        if (answers != null) {
            for (Map.Entry<String, Long> outcome : answers.outcomes().entrySet()) {
                if (outcome.getKey().equals(IngestOutcome.ACCEPTED)) {
                    accepted = outcome.getValue();
                } else {
                    refused.put(outcome.getKey(), outcome.getValue());
                    refusedTotal += outcome.getValue();
                }
            }
        }
        row.put("accepted", accepted).put("refusedTotal", refusedTotal).set("refused", refused);
        row.putObject("ingestMs")
                .put("p50", answers == null ? null : answers.percentileMs(0.5))
                .put("p99", answers == null ? null : answers.percentileMs(0.99));
    }

    private static ObjectNode depth(QueueDepth queue) {
        try {
            QueueDepth.Depth depth = queue.read();
            return OperatorJson.JSON.createObjectNode().put("visible", depth.visible()).put("inFlight", depth.inFlight());
        } catch (SdkException unreachable) {
            return OperatorJson.JSON.createObjectNode().put("message", "The queue did not answer: its depth is unknown now.");
        }
    }

    private ArrayNode perMinute(Instant firstMinute) throws Exception {
        Map<Instant, Long> accepted = ingest.map(tally -> tally.perMinuteSince(firstMinute, IngestOutcome.ACCEPTED)).orElse(Map.of());
        Map<Instant, Map<String, Long>> worked = worker.perMinuteSince(firstMinute);
        ArrayNode minutes = OperatorJson.JSON.createArrayNode();
        for (int i = 0; i < CHART_MINUTES; i++) {
            Instant minute = firstMinute.plus(Duration.ofMinutes(i));
            ObjectNode row = minutes.addObject().put("minute", minute.toString());
            if (ingest.isPresent()) {
                row.put("accepted", accepted.getOrDefault(minute, 0L));
            }
            Map<String, Long> states = worked.getOrDefault(minute, Map.of());
            row.put("processed", states.getOrDefault(EventStatus.PROCESSED, 0L))
                    .put("deadLettered", states.getOrDefault(EventStatus.DEAD_LETTERED, 0L));
        }
        return minutes;
    }

    /** How often the worker put events in each state: by provider since an instant, and by whole minute since one. */
    private interface WorkerOutcomes {

        /** {@code provider -> state -> count} */
        Map<String, Map<String, Long>> since(Instant since) throws Exception;

        /** {@code minute -> state -> count}, minutes without any left out */
        Map<Instant, Map<String, Long>> perMinuteSince(Instant firstMinute) throws Exception;
    }

    /** As this process's tally counted them: each status the store saved here, since the process started. */
    private static WorkerOutcomes tallied(MinuteTally tally) {
        return new WorkerOutcomes() {
            @Override
            public Map<String, Map<String, Long>> since(Instant since) {
                Map<String, Map<String, Long>> counts = new TreeMap<>();
                tally.since(since).forEach((provider, counted) -> counts.put(provider, counted.outcomes()));
                return counts;
            }

            @Override
            public Map<Instant, Map<String, Long>> perMinuteSince(Instant firstMinute) {
                Map<Instant, Map<String, Long>> counts = new TreeMap<>();
                for (String state : CHARTED_STATES) {
                    tally.perMinuteSince(firstMinute, state).forEach((minute, count) ->
                            counts.computeIfAbsent(minute, any -> new TreeMap<>()).put(state, count));
                }
                return counts;
            }
        };
    }

    /** As the event store's history has them, whichever process saved them. */
    private static WorkerOutcomes recorded(EventStore store) {
        return new WorkerOutcomes() {
            @Override
            public Map<String, Map<String, Long>> since(Instant since) throws Exception {
                return store.transitionsSince(since, COUNTED_STATES);
            }

            @Override
            public Map<Instant, Map<String, Long>> perMinuteSince(Instant firstMinute) throws Exception {
                return store.transitionsPerMinuteSince(firstMinute, CHARTED_STATES);
            }
        };
    }
}
