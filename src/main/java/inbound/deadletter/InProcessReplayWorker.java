package inbound.deadletter;

import inbound.support.LazyProducerTemplate;
import inbound.worker.QueuedMessage;
import java.time.Duration;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import software.amazon.awssdk.services.sqs.model.Message;

/** The server shape's direct replay: the dead letter runs through the worker route in this process, at once. */
public final class InProcessReplayWorker implements ReplayWorker {

    private final String workerUri;
    private final LazyProducerTemplate template = new LazyProducerTemplate();

    public InProcessReplayWorker(String workerUri) {
        this.workerUri = workerUri;
    }

    @Override
    public WorkerVerdict run(CamelContext context, Message deadLetter, int replayCount) {
        Exchange run = template.in(context).send(workerUri, QueuedMessage.directReplay(deadLetter, replayCount)::writeTo);
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
}
