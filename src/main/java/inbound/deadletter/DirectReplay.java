package inbound.deadletter;

import inbound.claimcheck.ClaimCheck;
import inbound.claimcheck.PayloadPointer;
import inbound.queue.EventAttributes;
import inbound.store.EventStatus;
import inbound.store.EventStore;
import inbound.support.Flush;
import inbound.support.FlushFailed;
import inbound.support.LoggedEvent;
import inbound.support.PipelineMetrics;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * The fix-and-replay check for one event (the exchange body is its id): runs the worker on its dead
 * letter synchronously (see {@link ReplayWorker}) and answers a {@link DirectReplayOutcome}. On success the dead letter is
 * deleted, and the body it had stored aside with it; on failure it stays, and its status carries the new reason
 * (restated: the event is the dead letter it was, and counts as no new one).
 * Each run is counted ({@link PipelineMetrics#replayed}), {@code processed} or {@code failed}; a look-up that
 * finds no dead letter ran nothing, and counts nothing.
 */
public final class DirectReplay implements Processor {

    /** The replay mode this is, as the metrics name it. */
    public static final String MODE = "direct";
    private static final Logger LOG = LoggerFactory.getLogger(DirectReplay.class);

    private final DeadLetterQueue deadLetters;
    private final EventStore store;
    private final Flush databaseFlush;
    private final Clock clock;
    private final ReplayWorker worker;
    private final ClaimCheck claimCheck;
    private final Flush queueFlush;
    private final PipelineMetrics metrics;

    /** {@code queueFlush}: what makes the dead letter's delete durable, before the body it leaves behind is released. */
    public DirectReplay(DeadLetterQueue deadLetters, EventStore store, Flush databaseFlush, Clock clock, ReplayWorker worker,
            ClaimCheck claimCheck, Flush queueFlush, PipelineMetrics metrics) {
        this.metrics = metrics;
        this.claimCheck = claimCheck;
        this.queueFlush = queueFlush;
        this.deadLetters = deadLetters;
        this.store = store;
        this.databaseFlush = databaseFlush;
        this.clock = clock;
        this.worker = worker;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        String eventId = exchange.getMessage().getMandatoryBody(String.class);
        DeadLetterQueue.Lookup lookup = deadLetters.find(eventId);
        Optional<EventStatus> before = store.status(eventId);
        Message deadLetter = lookup.deadLetter().orElseThrow(() -> lookup.behind(before)
                .<RuntimeException>map(behind -> new DeadLetterBehindItsGroup(eventId, behind))
                .orElseGet(() -> new DeadLetterNotFound(eventId, lookup.complete())));
        try (LoggedEvent.Scope scope = DeadLetterQueue.loggedEvent(deadLetter).onThisThread()) {
            DirectReplayOutcome outcome;
            try {
                outcome = run(exchange, eventId, deadLetter, before);
            } catch (Exception e) {
                metrics.replayed(MODE, DirectReplayOutcome.FAILED);
                LOG.warn("Direct replay of event {} did not run through: {}", eventId, e.getMessage());
                throw e;
            }
            metrics.replayed(MODE, outcome.outcome());
            if (outcome.outcome().equals(DirectReplayOutcome.PROCESSED)) {
                LOG.info("Direct replay of event {}: processed, and out of the dead-letter queue", eventId);
            } else {
                LOG.warn("Direct replay of event {}: failed again ({}), and stays in the dead-letter queue", eventId, outcome.errorCode());
            }
            exchange.getMessage().setBody(outcome);
        }
    }

    private DirectReplayOutcome run(Exchange exchange, String eventId, Message deadLetter, Optional<EventStatus> before) throws Exception {
        deadLetters.hold(deadLetter, worker.longestRun(exchange.getContext()));
        int replayCount = before.map(EventStatus::replayCount).orElse(0) + 1;

        ReplayWorker.WorkerVerdict verdict;
        try {
            verdict = worker.run(exchange.getContext(), deadLetter, replayCount);
        } catch (Exception e) {
            deadLetters.release(deadLetter);
            throw e;
        }
        if (verdict.processed()) {
            try {
                // the processed row must outlive a crash before its dead letter may go
                databaseFlush.flush();
            } catch (FlushFailed notDurable) {
                deadLetters.release(deadLetter);
                throw notDurable;
            }
            deadLetters.delete(deadLetter);
            Optional<PayloadPointer> storedBody = deadLetters.storedBody(deadLetter);
            if (storedBody.isPresent()) {
                // a dead letter whose delete a crash undid comes back: its body must still be there
                queueFlush.flush();
                claimCheck.release(storedBody.get());
            }
            return DirectReplayOutcome.processed(eventId);
        }
        deadLetters.release(deadLetter);
        if (!recordedByTheRun(eventId, before, verdict)) {
            store.saveRestatedStatus(EventStatus.of(eventId, DeadLetterQueue.attribute(deadLetter, EventAttributes.PROVIDER),
                            DeadLetterQueue.attribute(deadLetter, EventAttributes.TOPIC))
                    .deliveryId(DeadLetterQueue.attribute(deadLetter, EventAttributes.DELIVERY_ID))
                    .groupId(deadLetter.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID))
                    .receivedAt(before.map(EventStatus::receivedAt).orElse(null))
                    .receiveCount(before.map(EventStatus::receiveCount).orElse(0))
                    .replayCount(replayCount)
                    .deadLettered(verdict.errorCode(), verdict.errorMessage(), verdict.stage(), clock.instant()));
        }
        return DirectReplayOutcome.failed(eventId, verdict.errorCode(), verdict.errorMessage());
    }

    /** Whether the worker's run has recorded the event dead-lettered for this reason itself: its timeline shows it once. */
    private boolean recordedByTheRun(String eventId, Optional<EventStatus> before, ReplayWorker.WorkerVerdict verdict) throws SQLException {
        Instant runStarted = before.map(EventStatus::updatedAt).orElse(Instant.MIN);
        return store.status(eventId).filter(status -> status.status().equals(EventStatus.DEAD_LETTERED)
                && Objects.equals(status.errorCode(), verdict.errorCode()) && status.updatedAt().isAfter(runStarted)).isPresent();
    }
}
