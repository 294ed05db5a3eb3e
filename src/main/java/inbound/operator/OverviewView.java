package inbound.operator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import inbound.ingest.IngestTally;
import inbound.queue.QueueDepth;
import inbound.store.EventStatus;
import inbound.store.EventStore;
import inbound.support.JsonAnswers;
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
 * refused (by reason) and how fast it answered — counted in this process since it started — and how many
 * events the worker processed, dead-lettered and replayed (from the store); both queues' depth; and per
 * minute of the last hour, what was accepted, processed and dead-lettered.
 */
public final class OverviewView implements Processor {

    private static final int CHART_MINUTES = 60;

    private final EventStore store;
    private final IngestTally tally;
    private final QueueDepth queue;
    private final QueueDepth deadLetters;
    private final Clock clock;
    private final Duration retention;

    public OverviewView(EventStore store, IngestTally tally, QueueDepth queue, QueueDepth deadLetters, Clock clock, Duration retention) {
        this.store = store;
        this.tally = tally;
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
                .put("countingSince", tally.countingSince().toString())
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

    private ObjectNode window(Instant since) throws Exception {
        Map<String, IngestTally.ProviderTally> answered = tally.since(since);
        Map<String, Map<String, Long>> worked = store.transitionsSince(since);
        Set<String> providers = new TreeSet<>(answered.keySet());
        providers.addAll(worked.keySet());
        ObjectNode window = OperatorJson.JSON.createObjectNode().put("since", since.toString());
        ArrayNode rows = window.putArray("providers");
        for (String provider : providers) {
            IngestTally.ProviderTally ingest = answered.get(provider);
            Map<String, Long> states = worked.getOrDefault(provider, Map.of());
            ObjectNode row = rows.addObject().put("provider", provider);
            ObjectNode refused = OperatorJson.JSON.createObjectNode();
            long accepted = 0;
            long refusedTotal = 0;
            if (ingest != null) {
                for (Map.Entry<String, Long> outcome : ingest.outcomes().entrySet()) {
                    if (outcome.getKey().equals(IngestTally.ACCEPTED)) {
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
                    .put("p50", ingest == null ? null : ingest.percentileMs(0.5))
                    .put("p99", ingest == null ? null : ingest.percentileMs(0.99));
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

    private ArrayNode perMinute(Instant firstMinute) throws Exception {
        Map<Instant, Long> accepted = tally.acceptedPerMinuteSince(firstMinute);
        Map<Instant, Map<String, Long>> worked = store.transitionsPerMinuteSince(firstMinute);
        ArrayNode minutes = OperatorJson.JSON.createArrayNode();
        for (int i = 0; i < CHART_MINUTES; i++) {
            Instant minute = firstMinute.plus(Duration.ofMinutes(i));
            Map<String, Long> states = worked.getOrDefault(minute, Map.of());
            minutes.addObject()
                    .put("minute", minute.toString())
                    .put("accepted", accepted.getOrDefault(minute, 0L))
                    .put("processed", states.getOrDefault(EventStatus.PROCESSED, 0L))
                    .put("deadLettered", states.getOrDefault(EventStatus.DEAD_LETTERED, 0L));
        }
        return minutes;
    }
}
