package inbound.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import inbound.claimcheck.ClaimCheck;
import inbound.deadletter.DeadLetterReason;
import inbound.deadletter.InProcessReplayWorker;
import inbound.queue.EventAttributes;
import inbound.support.PipelineMetrics;
import inbound.wiring.QueueBeans;
import inbound.wiring.WorkerBeans;
import inbound.worker.FifoBatch;
import inbound.worker.QueuedMessage;
import inbound.worker.WorkerOutcome;
import inbound.worker.WorkerProperties;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import routes.ProcessingRoutes;
import routes.WorkerErrorHandling;
import routes.WorkerRoute;

/**
 * The worker function, fed by the SQS FIFO event source with ReportBatchItemFailures. Records run in
 * order through the shared worker route, each put on its exchange by {@link QueuedMessage}; which of
 * them are reported is {@link FifoBatch}'s answer: a record that fails transiently, with every later
 * record of its message group (so the queue delivers them again, in order), while the other groups go
 * on. A permanent failure goes to the dead-letter queue in the route and counts as handled. Nothing
 * here fails the whole batch: when the database or a secret is unavailable, or the invocation's time
 * is nearly up, the records not yet run are reported for redelivery instead of being tried one by one
 * into the function's timeout. Each outcome is counted in an {@link EmfLine}: by the worker route's steps, and
 * here for a record held back unrun behind a failed one of its group.
 */
public final class WorkerHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private static final Logger LOG = LoggerFactory.getLogger(WorkerHandler.class);

    private final FunctionContext function;
    private final long reserveMillis;
    private final PipelineMetrics metrics;
    private final ProcessedBodyRelease release;

    public WorkerHandler() {
        this(FunctionContext.start("worker", settings -> List.of(new EmfMetricsBeans(), new QueueBeans(settings.queues(), new LambdaQueue(settings)),
                        new WorkerBeans(settings.worker(), settings.database(), new InProcessReplayWorker(WorkerRoute.ENDPOINT))),
                List.of(new WorkerErrorHandling(), new WorkerRoute(), new ProcessingRoutes())));
    }

    WorkerHandler(FunctionContext function) {
        this.function = function;
        this.reserveMillis = function.settings().workerReserve().toMillis();
        this.metrics = PipelineMetrics.of(function.camel());
        this.release = new ProcessedBodyRelease(function.camel().getRegistry().lookupByNameAndType("claimCheck", ClaimCheck.class));
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<SQSEvent.SQSMessage> records = event.getRecords() == null ? List.of() : event.getRecords();
        // the queue's visibility is six times the function's timeout (Terraform): the invocation's own time bounds the batch
        Instant startDeadline = context == null ? Instant.MAX : Instant.now().plusMillis(context.getRemainingTimeInMillis() - reserveMillis);
        List<QueuedMessage> messages = records.stream().map(WorkerHandler::queuedMessage).toList();
        // the route's hold-back answers from a FifoBatch of its own too; this one also sees a record that failed before the route did
        List<String> left = FifoBatch.run(messages, () -> context != null && context.getRemainingTimeInMillis() < reserveMillis,
                (message, index) -> run(message, index, startDeadline), this::heldBack);
        return new SQSBatchResponse(left.stream().map(SQSBatchResponse.BatchItemFailure::new).toList());
    }

    private FifoBatch.Outcome run(QueuedMessage message, int index, Instant startDeadline) {
        try {
            Exchange done = function.template().send(WorkerRoute.RECEIVED, exchange -> {
                exchange.setProperty(ExchangePropertyKey.BATCH_INDEX, index);
                exchange.setProperty(WorkerProperties.START_DEADLINE, startDeadline);
                message.writeTo(exchange);
            });
            if (done.getException() != null) {
                return FifoBatch.Outcome.ofFailure(done.getException());
            }
            if (done.getProperty(DeadLetterReason.PROPERTY) != null) {
                return FifoBatch.Outcome.PERMANENT_FAILURE;
            }
            release.processed(done, message);
            return FifoBatch.Outcome.PROCESSED;
        } catch (RuntimeException unexpected) {
            LOG.error("Record {} could not be handed to the worker route", message.messageId(), unexpected);
            return FifoBatch.Outcome.FAILED;
        }
    }

    private void heldBack(QueuedMessage message) {
        metrics.workerEvent(message.attributes().getOrDefault(EventAttributes.PROVIDER, "unknown"), WorkerOutcome.HELD_BACK,
                Optional.empty(), Optional.empty());
    }

    private static QueuedMessage queuedMessage(SQSEvent.SQSMessage record) {
        Map<String, String> attributes = new HashMap<>();
        if (record.getMessageAttributes() != null) {
            record.getMessageAttributes().forEach((name, attribute) -> attributes.put(name, attribute.getStringValue()));
        }
        return QueuedMessage.ofEventRecord(record.getMessageId(), record.getBody(), record.getAttributes(), attributes);
    }
}
