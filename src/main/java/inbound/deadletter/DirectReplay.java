package inbound.deadletter;

import inbound.queue.EventAttributes;
import inbound.store.EventStatus;
import inbound.store.EventStore;
import inbound.worker.DeadLetterReason;
import inbound.worker.QueuedEventReader;
import inbound.worker.WorkerProperties;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.ProducerTemplate;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * The fix-and-replay check for one event (the exchange body is its id): runs the worker route on its
 * dead letter synchronously and answers a {@link DirectReplayOutcome}. On success the dead letter is
 * deleted; on failure it stays, and its status carries the new reason.
 */
public final class DirectReplay implements Processor {

    private final DeadLetterQueue deadLetters;
    private final EventStore store;
    private final Clock clock;
    private final String workerUri;
    private ProducerTemplate template;

    public DirectReplay(DeadLetterQueue deadLetters, EventStore store, Clock clock, String workerUri) {
        this.deadLetters = deadLetters;
        this.store = store;
        this.clock = clock;
        this.workerUri = workerUri;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        String eventId = exchange.getMessage().getMandatoryBody(String.class);
        Message deadLetter = deadLetters.take(eventId).orElseThrow(() -> new DeadLetterNotFound(eventId));
        Optional<EventStatus> before = store.status(eventId);
        int replayCount = before.map(EventStatus::replayCount).orElse(0) + 1;

        Exchange run = template(exchange).send(workerUri, attempt -> {
            for (Map.Entry<String, MessageAttributeValue> attribute : deadLetter.messageAttributes().entrySet()) {
                attempt.getMessage().setHeader(attribute.getKey(), attribute.getValue().stringValue());
            }
            attempt.getMessage().setHeader(EventAttributes.REPLAY_COUNT, String.valueOf(replayCount));
            attempt.getMessage().setHeader(QueuedEventReader.GROUP_ID_HEADER,
                    deadLetter.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID));
            attempt.getMessage().setHeader(QueuedEventReader.RECEIVE_COUNT_HEADER, "1");
            attempt.setProperty(WorkerProperties.DIRECT_REPLAY, true);
            attempt.getMessage().setBody(deadLetter.body());
        });

        DeadLetterReason reason = run.getProperty(DeadLetterReason.PROPERTY, DeadLetterReason.class);
        if (run.getException() == null && reason == null) {
            deadLetters.delete(deadLetter);
            exchange.getMessage().setBody(DirectReplayOutcome.processed(eventId));
            return;
        }
        deadLetters.release(deadLetter);
        DirectReplayOutcome failed = reason != null
                ? DirectReplayOutcome.failed(eventId, reason.code(), reason.message())
                : DirectReplayOutcome.failed(eventId, "transient_failure", run.getException().getClass().getSimpleName() + ": " + run.getException().getMessage());
        store.saveStatus(new EventStatus(eventId,
                DeadLetterQueue.attribute(deadLetter, EventAttributes.PROVIDER),
                DeadLetterQueue.attribute(deadLetter, EventAttributes.TOPIC),
                deadLetter.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID),
                before.map(EventStatus::receivedAt).orElse(null),
                EventStatus.DEAD_LETTERED, failed.errorCode(), failed.errorMessage(), reason != null ? reason.stage() : "process",
                before.map(EventStatus::receiveCount).orElse(0), replayCount, clock.instant()));
        exchange.getMessage().setBody(failed);
    }

    private synchronized ProducerTemplate template(Exchange exchange) {
        if (template == null) {
            template = exchange.getContext().createProducerTemplate();
        }
        return template;
    }
}
