package inbound.operator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import inbound.ingest.IngestOutcome;
import inbound.queue.QueueDepth;
import inbound.store.EventStatus;
import inbound.support.JsonAnswers;
import inbound.support.MinuteTally;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * {@code GET /overview}: for the last hour and the last 24 hours, per provider, what ingest accepted and
 * refused (by reason) and how fast it answered, and how often the worker processed, dead-lettered and
 * replayed an event — both counted in this process since it started (reading the same from the database
 * would cost a scan of a day's history at each refresh); both queues' depth; and per minute of the last
 * hour, what was accepted, processed and dead-lettered.
 */
public final class OverviewView implements Processor {

    private static final int CHART_MINUTES = 60;

    private final MinuteTally ingest;
    private final MinuteTally worker;
    private final QueueDepth queue;
    private final QueueDepth deadLetters;
    private final Clock clock;
    private final Duration retention;

    public OverviewView(MinuteTally ingest, MinuteTally worker, QueueDepth queue, QueueDepth deadLetters, Clock clock, Duration retention) {
        this.ingest = ingest;
        this.worker = worker;
        this.queue = queue;
        this.deadLetters = deadLetters;
        this.clock = clock;
        this.retention = retention;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Instant now = clock.instant();
        ObjectNode body = OperatorJson.JSON.createObjectNode()
                .put("at", now.toString())
                .put("countingSince", ingest.countingSince().toString())
                .put("retentionDays", retention.toDays());
        ObjectNode windows = body.putObject("windows");
        windows.set("lastHour", window(now.minus(Duration.ofHours(1))));
        windows.set("last24Hours", window(now.minus(Duration.ofDays(1))));
        ObjectNode queues = body.putObject("queues");
        queues.set("main", depth(queue));
        queues.set("deadLetters", depth(deadLetters));
        body.set("perMinute", perMinute(now.truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(CHART_MINUTES - 1))));
        JsonAnswers.answer(exchange, 200, body);
    }

    private ObjectNode window(Instant since) {
        Map<String, MinuteTally.ProviderTally> answered = ingest.since(since);
        Map<String, MinuteTally.ProviderTally> worked = worker.since(since);
        Set<String> providers = new TreeSet<>(answered.keySet());
        providers.addAll(worked.keySet());
        ObjectNode window = OperatorJson.JSON.createObjectNode().put("since", since.toString());
        ArrayNode rows = window.putArray("providers");
        for (String provider : providers) {
            MinuteTally.ProviderTally answers = answered.get(provider);
            Map<String, Long> states = worked.containsKey(provider) ? worked.get(provider).outcomes() : Map.of();
            ObjectNode row = rows.addObject().put("provider", provider);
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
            row.put("processed", states.getOrDefault(EventStatus.PROCESSED, 0L))
                    .put("deadLettered", states.getOrDefault(EventStatus.DEAD_LETTERED, 0L))
                    .put("replayed", states.getOrDefault(EventStatus.REPLAYED, 0L));
            row.putObject("ingestMs")
                    .put("p50", answers == null ? null : answers.percentileMs(0.5))
                    .put("p99", answers == null ? null : answers.percentileMs(0.99));
        }
        return window;
    }

    private static ObjectNode depth(QueueDepth queue) {
        try {
            QueueDepth.Depth depth = queue.read();
            return OperatorJson.JSON.createObjectNode().put("visible", depth.visible()).put("inFlight", depth.inFlight());
        } catch (SdkException unreachable) {
            return OperatorJson.JSON.createObjectNode().put("message", "The queue did not answer: its depth is unknown now.");
        }
    }

    private ArrayNode perMinute(Instant firstMinute) {
        Map<Instant, Long> accepted = ingest.perMinuteSince(firstMinute, IngestOutcome.ACCEPTED);
        Map<Instant, Long> processed = worker.perMinuteSince(firstMinute, EventStatus.PROCESSED);
        Map<Instant, Long> deadLettered = worker.perMinuteSince(firstMinute, EventStatus.DEAD_LETTERED);
        ArrayNode minutes = OperatorJson.JSON.createArrayNode();
        for (int i = 0; i < CHART_MINUTES; i++) {
            Instant minute = firstMinute.plus(Duration.ofMinutes(i));
            minutes.addObject()
                    .put("minute", minute.toString())
                    .put("accepted", accepted.getOrDefault(minute, 0L))
                    .put("processed", processed.getOrDefault(minute, 0L))
                    .put("deadLettered", deadLettered.getOrDefault(minute, 0L));
        }
        return minutes;
    }
}
