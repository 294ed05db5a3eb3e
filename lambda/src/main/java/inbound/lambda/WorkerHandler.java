package inbound.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import inbound.claimcheck.ClaimCheck;
import inbound.deadletter.DeadLetterReason;
import inbound.deadletter.InProcessReplayWorker;
import inbound.provider.SampleWebhook;
import inbound.queue.EventAttributes;
import inbound.queue.SqsHeaders;
import inbound.store.EventStore;
import inbound.support.PipelineMetrics;
import inbound.wiring.QueueBeans;
import inbound.wiring.WorkerBeans;
import inbound.worker.FifoBatch;
import inbound.worker.QueuedMessage;
import inbound.worker.WorkerOutcome;
import inbound.worker.WorkerProperties;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
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
public final class WorkerHandler implements RequestStreamHandler {

    private static final FunctionContext.Definition FUNCTION = new FunctionContext.Definition("worker",
            (settings, outside) -> List.of(new EmfMetricsBeans(outside.metrics()), new QueueBeans(settings.queues(), LambdaQueue.builtOnFirstUse(settings, outside)),
                    new WorkerBeans(settings.worker(), settings.database(), new InProcessReplayWorker(WorkerRoute.ENDPOINT))),
            () -> List.of(new WorkerErrorHandling(), new WorkerRoute()), () -> List.of(new ProcessingRoutes()));

    private static final Logger LOG = LoggerFactory.getLogger(WorkerHandler.class);

    private final FunctionContext function;
    private final long reserveMillis;
    private final PipelineMetrics metrics;
    private final ProcessedBodyRelease release;

    public WorkerHandler() {
        this(FunctionContext.start(FUNCTION, WorkerHandler::prime));
    }

    WorkerHandler(FunctionContext function) {
        this.function = function;
        this.reserveMillis = function.settings().workerReserve().toMillis();
        this.metrics = PipelineMetrics.of(function.camel());
        this.release = new ProcessedBodyRelease(function.camel().getRegistry().lookupByNameAndType("claimCheck", ClaimCheck.class));
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        LambdaEvents.write(output, answer(LambdaEvents.read(input, SQSEvent.class), context));
    }

    private SQSBatchResponse answer(SQSEvent event, Context context) {
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

    /**
     * One batch of each shipped sample as the SQS event source delivers it, through the worker route to processed:
     * read, checked against the database, validated against its topic's JSON Schema and recorded — in the priming
     * context's database, a private one in memory; the user's processing routes are not in the priming context.
     */
    private static String prime(MadeUpSecrets secrets, FunctionContext priming) throws Exception {
        List<SampleWebhook> samples = PrimingWebhooks.samples(priming, secrets);
        List<SQSEvent.SQSMessage> records = samples.stream().map(WorkerHandler::primingRecord).toList();
        SQSEvent event = new SQSEvent();
        event.setRecords(records);
        SQSBatchResponse answer = LambdaEvents.through(new WorkerHandler(priming), event, SQSBatchResponse.class);
        if (!answer.getBatchItemFailures().isEmpty()) {
            throw new IllegalStateException("the made-up batch was not processed: " + answer.getBatchItemFailures().size() + " records reported");
        }
        EventStore store = priming.camel().getRegistry().findSingleByType(EventStore.class);
        for (SQSEvent.SQSMessage record : records) {
            String eventId = record.getMessageAttributes().get(EventAttributes.EVENT_ID).getStringValue();
            if (!store.isProcessed(eventId)) {
                throw new IllegalStateException("the made-up event " + eventId + " was not recorded as processed");
            }
        }
        return "a batch of the shipped sample of each of " + records.size() + " providers, processed";
    }

    private static SQSEvent.SQSMessage primingRecord(SampleWebhook sample) {
        String eventId = UUID.randomUUID().toString();
        Map<String, SQSEvent.MessageAttribute> attributes = new HashMap<>();
        attributes.put(EventAttributes.PROVIDER, stringAttribute(sample.provider()));
        sample.topic().ifPresent(topic -> attributes.put(EventAttributes.TOPIC, stringAttribute(topic)));
        attributes.put(EventAttributes.EVENT_ID, stringAttribute(eventId));
        attributes.put(EventAttributes.DELIVERY_ID, stringAttribute(eventId));
        attributes.put(EventAttributes.RECEIVED_AT, stringAttribute(Instant.now().toString()));
        SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
        record.setMessageId(UUID.randomUUID().toString());
        record.setBody(new String(sample.body(), StandardCharsets.UTF_8));
        record.setAttributes(Map.of(SqsHeaders.RECEIVE_COUNT, "1", SqsHeaders.MESSAGE_GROUP_ID, sample.provider() + ":priming"));
        record.setMessageAttributes(attributes);
        return record;
    }

    private static SQSEvent.MessageAttribute stringAttribute(String value) {
        SQSEvent.MessageAttribute attribute = new SQSEvent.MessageAttribute();
        attribute.setDataType("String");
        attribute.setStringValue(value);
        return attribute;
    }

    private static QueuedMessage queuedMessage(SQSEvent.SQSMessage record) {
        Map<String, String> attributes = new HashMap<>();
        if (record.getMessageAttributes() != null) {
            record.getMessageAttributes().forEach((name, attribute) -> attributes.put(name, attribute.getStringValue()));
        }
        return QueuedMessage.ofEventRecord(record.getMessageId(), record.getBody(), record.getAttributes(), attributes);
    }
}
