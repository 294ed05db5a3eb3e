package inbound.deadletter;

import inbound.queue.EventAttributes;
import inbound.store.EventStatus;
import inbound.store.EventStore;
import inbound.support.Flush;
import inbound.support.LoggedEvent;
import inbound.support.PipelineMetrics;
import java.sql.SQLException;
import java.time.Clock;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Moves the dead letters that match a {@link ReplayFilter} (the exchange body) back to the main
 * queue, message by message, each leaving the dead-letter queue only after the main queue confirmed
 * it; answers a {@link ReplayResult} once the moves are durable ({@code queueFlush}). An event is
 * moved at most once per replay, so one that fails again and comes back to the dead-letter queue
 * meanwhile waits for the next replay: nothing loops. Each move is counted ({@link PipelineMetrics#replayed}):
 * {@code moved} once the main queue confirmed it, else {@code failed}.
 */
public final class DeadLetterReplay implements Processor {

    /** The replay mode this is, as the metrics name it. */
    public static final String MODE = "queue";
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterReplay.class);

    private final DeadLetterQueue deadLetters;
    private final EventStore store;
    private final Clock clock;
    private final Flush queueFlush;
    private final PipelineMetrics metrics;

    public DeadLetterReplay(DeadLetterQueue deadLetters, EventStore store, Clock clock, Flush queueFlush, PipelineMetrics metrics) {
        this.deadLetters = deadLetters;
        this.store = store;
        this.clock = clock;
        this.queueFlush = queueFlush;
        this.metrics = metrics;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        ReplayFilter filter = exchange.getMessage().getMandatoryBody(ReplayFilter.class);
        Set<String> seen = new HashSet<>();
        int[] matched = {0};
        int[] moved = {0};
        boolean complete = deadLetters.visit(message -> {
            String eventId = DeadLetterQueue.attribute(message, EventAttributes.EVENT_ID);
            if (!seen.add(eventId == null ? message.messageId() : eventId)) {
                // already moved in this replay and back again: it waits for the next replay
                return DeadLetterQueue.Outcome.LEFT;
            }
            if (!filter.matches(message)) {
                return DeadLetterQueue.Outcome.LEFT;
            }
            matched[0]++;
            if (filter.dryRun()) {
                return DeadLetterQueue.Outcome.PASSED;
            }
            try (LoggedEvent.Scope scope = DeadLetterQueue.loggedEvent(message).onThisThread()) {
                replay(eventId, message);
            }
            moved[0]++;
            return DeadLetterQueue.Outcome.TAKEN;
        });
        if (moved[0] > 0) {
            // what the answer counts as moved must outlive a crash right after it: in the embedded queue
            // the last moves are on file only after a checkpoint (a crash before one leaves them in the dead letters)
            queueFlush.flush();
        }
        exchange.getMessage().setBody(new ReplayResult(matched[0], moved[0], filter.dryRun(), complete));
    }

    /**
     * Marks the event replayed before moving it: once moved, the worker may process it at once, and its
     * status must then end as processed, not be overwritten with replayed. Until the main queue confirmed the
     * event the mark is provisional: a send that fails withdraws it, and the event is still the dead letter it
     * was. Once confirmed, the move counts as done even if the dead letter's delete then fails: the copy left
     * behind is the same event again, which the worker skips as a duplicate once it has processed it.
     */
    private void replay(String eventId, Message message) {
        Optional<EventStatus> before = status(eventId);
        int replayCount = before.map(EventStatus::replayCount).orElse(0) + 1;
        EventStatus replayed = EventStatus.of(eventId, DeadLetterQueue.attribute(message, EventAttributes.PROVIDER),
                        DeadLetterQueue.attribute(message, EventAttributes.TOPIC))
                .deliveryId(DeadLetterQueue.attribute(message, EventAttributes.DELIVERY_ID))
                .groupId(before.map(EventStatus::groupId).orElse(null))
                .receivedAt(before.map(EventStatus::receivedAt).orElse(null))
                .replayCount(replayCount)
                .replayed(clock.instant());
        markProvisionally(replayed);
        try {
            deadLetters.sendToQueue(message, replayCount);
        } catch (RuntimeException e) {
            metrics.replayed(MODE, "failed");
            LOG.warn("Dead letter of event {} could not be moved back to the queue, and stays: {}", eventId, e.getMessage());
            before.ifPresent(earlier -> withdraw(replayed, earlier));
            throw e;
        }
        // on the main queue now, the worker may take it at once: the move happened, whatever becomes of the dead letter
        if (replayed.eventId() != null) {
            store.confirmStatus(replayed);
        }
        metrics.replayed(MODE, "moved");
        LOG.info("Dead letter of event {} moved back to the queue (replay {})", eventId, replayCount);
        try {
            deadLetters.delete(message);
        } catch (RuntimeException e) {
            LOG.warn("Dead letter of event {} is back on the queue but could not be deleted, and stays as a copy: {}", eventId, e.getMessage());
            throw e;
        }
    }

    private void withdraw(EventStatus provisional, EventStatus earlier) {
        try {
            store.withdrawStatus(provisional, earlier);
        } catch (SQLException e) {
            throw new IllegalStateException("could not put back the status of event " + earlier.eventId(), e);
        }
    }

    private Optional<EventStatus> status(String eventId) {
        try {
            return eventId == null ? Optional.empty() : store.status(eventId);
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the status of event " + eventId, e);
        }
    }

    private void markProvisionally(EventStatus status) {
        if (status.eventId() == null) {
            return;
        }
        try {
            store.saveProvisionalStatus(status);
        } catch (SQLException e) {
            throw new IllegalStateException("could not record the status of event " + status.eventId(), e);
        }
    }
}
