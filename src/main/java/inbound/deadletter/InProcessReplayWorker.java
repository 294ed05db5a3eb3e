package inbound.deadletter;

import inbound.queue.EventAttributes;
import inbound.worker.DeadLetterReason;
import inbound.worker.QueuedEventReader;
import inbound.worker.WorkerProperties;
import java.time.Duration;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/** The server shape's direct replay: the dead letter runs through the worker route in this process, at once. */
public final class InProcessReplayWorker implements ReplayWorker {

    private final String workerUri;
    private ProducerTemplate template;

    public InProcessReplayWorker(String workerUri) {
        this.workerUri = workerUri;
    }

    @Override
    public WorkerVerdict run(CamelContext context, Message deadLetter, int replayCount) {
        Exchange run = template(context).send(workerUri, attempt -> {
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
        if (reason != null) {
            return WorkerVerdict.failed(reason.code(), reason.message(), reason.stage());
        }
        if (run.getException() != null) {
            return WorkerVerdict.failed("transient_failure",
                    run.getException().getClass().getSimpleName() + ": " + run.getException().getMessage(), "process");
        }
        return WorkerVerdict.PROCESSED;
    }

    /** The worker's retries with their backoff take seconds; a database that does not answer, its connect timeout each time. */
    @Override
    public Duration longestRun(CamelContext context) {
        return Duration.ofMinutes(5);
    }

    private synchronized ProducerTemplate template(CamelContext context) {
        if (template == null) {
            template = context.createProducerTemplate();
        }
        return template;
    }
}
