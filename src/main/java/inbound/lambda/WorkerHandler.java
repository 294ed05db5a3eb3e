package inbound.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import inbound.deadletter.InProcessReplayWorker;
import inbound.queue.EventAttributes;
import inbound.worker.DeadLetterReason;
import inbound.worker.QueuedEventReader;
import inbound.worker.WorkerProperties;
import inbound.wiring.QueueBeans;
import inbound.wiring.WorkerBeans;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import routes.ProcessingRoutes;
import routes.WorkerErrorHandling;
import routes.WorkerRoute;

/**
 * The worker function, fed by the SQS FIFO event source with ReportBatchItemFailures. Records run in
 * order through the shared worker route. A record that fails transiently is reported, with every later
 * record of its message group (so the queue delivers them again, in order); the other groups go on.
 * A permanent failure goes to the dead-letter queue in the route and counts as handled. Nothing here
 * fails the whole batch.
 */
public final class WorkerHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private static final Logger LOG = LoggerFactory.getLogger(WorkerHandler.class);

    private final FunctionContext function;

    public WorkerHandler() {
        this(FunctionContext.start("worker",
                List.of(new QueueBeans(true), new WorkerBeans(new InProcessReplayWorker(WorkerRoute.ENDPOINT))),
                List.of(new WorkerErrorHandling(), new WorkerRoute(), new ProcessingRoutes())));
    }

    WorkerHandler(FunctionContext function) {
        this.function = function;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        Set<String> failedGroups = new HashSet<>();
        List<SQSEvent.SQSMessage> records = event.getRecords() == null ? List.of() : event.getRecords();
        for (int index = 0; index < records.size(); index++) {
            SQSEvent.SQSMessage record = records.get(index);
            String group = record.getAttributes() == null ? null : record.getAttributes().get(QueuedEventReader.GROUP_ID_HEADER);
            if (!run(record, index, group != null && failedGroups.contains(group))) {
                failures.add(new SQSBatchResponse.BatchItemFailure(record.getMessageId()));
                if (group != null) {
                    failedGroups.add(group);
                }
            }
        }
        return new SQSBatchResponse(failures);
    }

    /** @return whether the record is done with (processed, or a permanent failure sent to the dead-letter queue) */
    private boolean run(SQSEvent.SQSMessage record, int index, boolean groupFailedBefore) {
        if (groupFailedBefore) {
            // the route holds these back too; this covers a failure before the route saw the record
            return false;
        }
        try {
            boolean directReplay = isDirectReplay(record);
            Exchange done = function.template().send(WorkerRoute.RECEIVED, exchange -> {
                exchange.setProperty(ExchangePropertyKey.BATCH_INDEX, index);
                if (record.getMessageAttributes() != null) {
                    record.getMessageAttributes().forEach((name, attribute) -> exchange.getMessage().setHeader(name, attribute.getStringValue()));
                }
                if (record.getAttributes() != null) {
                    exchange.getMessage().setHeader(QueuedEventReader.GROUP_ID_HEADER, record.getAttributes().get(QueuedEventReader.GROUP_ID_HEADER));
                    exchange.getMessage().setHeader(QueuedEventReader.RECEIVE_COUNT_HEADER, record.getAttributes().get(QueuedEventReader.RECEIVE_COUNT_HEADER));
                }
                if (directReplay) {
                    exchange.setProperty(WorkerProperties.DIRECT_REPLAY, true);
                }
                exchange.getMessage().setBody(record.getBody());
            });
            // a direct replay writes no new dead letter, so for it a permanent failure is a failure too
            return done.getException() == null && !(directReplay && done.getProperty(DeadLetterReason.PROPERTY) != null);
        } catch (RuntimeException unexpected) {
            LOG.error("Record {} could not be handed to the worker route", record.getMessageId(), unexpected);
            return false;
        }
    }

    private static boolean isDirectReplay(SQSEvent.SQSMessage record) {
        SQSEvent.MessageAttribute mode = record.getMessageAttributes() == null ? null : record.getMessageAttributes().get(EventAttributes.REPLAY_MODE);
        return mode != null && EventAttributes.DIRECT_REPLAY_MODE.equals(mode.getStringValue());
    }
}
