package inbound.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import inbound.deadletter.DeadLetterQueue;
import inbound.deadletter.ReplayWorker;
import inbound.queue.EventAttributes;
import inbound.queue.SqsHeaders;
import inbound.queue.TraceHeader;
import inbound.store.EventStatus;
import inbound.store.EventStore;
import inbound.support.LazyProducerTemplate;
import inbound.worker.QueuedMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The Lambda shape's direct replay: the dead letter goes to the worker function as a one-record SQS
 * event (camel-aws2-lambda's invokeFunction), marked as a direct replay so that a failure writes no
 * new dead letter. The component returns the function's error payload as an ordinary answer, so the
 * answer is read here: an error payload, or a batch item failure, is a failure whose reason the worker
 * recorded in the event store.
 */
final class WorkerFunctionReplay implements ReplayWorker {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Duration invokeTimeout;
    private final LazyProducerTemplate template = new LazyProducerTemplate();

    /** @param invokeTimeout how long an invocation waits for the worker function */
    WorkerFunctionReplay(Duration invokeTimeout) {
        this.invokeTimeout = invokeTimeout;
    }

    /** As long as the invocation may wait for the worker, and a margin. */
    @Override
    public Duration longestRun(CamelContext context) {
        return invokeTimeout.plusSeconds(30);
    }

    @Override
    public WorkerVerdict run(CamelContext context, Message deadLetter, int replayCount) throws Exception {
        Instant runStarted = Instant.now();
        String event = JSON.writeValueAsString(oneRecordEvent(deadLetter, replayCount));
        Exchange invoked = template.in(context).send(
                "aws2-lambda:{{inbound.replay.worker-function}}?operation=invokeFunction&awsLambdaClient=#lambdaClient",
                exchange -> exchange.getMessage().setBody(event));
        if (invoked.getException() != null) {
            throw invoked.getException();
        }
        JsonNode answer = JSON.readTree(invoked.getMessage().getBody(String.class));
        if (answer.hasNonNull("errorMessage") || answer.hasNonNull("errorType")) {
            return WorkerVerdict.failed("worker_error", answer.path("errorType").asText("Error") + ": " + answer.path("errorMessage").asText(""), "process");
        }
        JsonNode failures = answer.path("batchItemFailures");
        if (!failures.isArray()) {
            return WorkerVerdict.failed("worker_error", "The worker function's answer is not a batch response.", "process");
        }
        if (failures.isEmpty()) {
            return WorkerVerdict.PROCESSED;
        }
        String eventId = DeadLetterQueue.attribute(deadLetter, EventAttributes.EVENT_ID);
        Optional<EventStatus> recorded = context.getRegistry().lookupByNameAndType("eventStore", EventStore.class).status(eventId);
        // only a reason the worker recorded in this run: an older one would tell the previous failure
        return recorded.filter(status -> status.errorCode() != null && status.updatedAt() != null && !status.updatedAt().isBefore(runStarted))
                .map(status -> WorkerVerdict.failed(status.errorCode(), status.errorMessage(), status.failedStage()))
                .orElse(WorkerVerdict.failed("transient_failure", "The worker function did not process the event.", "process"));
    }

    /** The event as the SQS event source would deliver it to the worker, with the direct-replay mark. */
    private static ObjectNode oneRecordEvent(Message deadLetter, int replayCount) {
        QueuedMessage replayed = QueuedMessage.directReplay(deadLetter, replayCount);
        ObjectNode record = JSON.createObjectNode()
                .put("messageId", replayed.messageId())
                .put("receiptHandle", "direct-replay")
                .put("body", replayed.body())
                .put("md5OfBody", deadLetter.md5OfBody())
                .put("eventSource", "aws:sqs");
        ObjectNode systemAttributes = record.putObject("attributes")
                .put(SqsHeaders.RECEIVE_COUNT, replayed.receiveCount())
                .put(SqsHeaders.MESSAGE_GROUP_ID, replayed.groupId());
        replayed.trace().ifPresent(trace -> systemAttributes.put(TraceHeader.SYSTEM_ATTRIBUTE, trace.header()));
        ObjectNode attributes = record.putObject("messageAttributes");
        replayed.eventSourceAttributes().forEach((name, value) -> stringAttribute(attributes, name, value));
        ObjectNode event = JSON.createObjectNode();
        event.putArray("Records").add(record);
        return event;
    }

    private static void stringAttribute(ObjectNode attributes, String name, String value) {
        attributes.putObject(name).put("dataType", "String").put("stringValue", value);
    }
}
