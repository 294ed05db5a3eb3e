package inbound.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import inbound.deadletter.InProcessReplayWorker;
import inbound.worker.DeadLetterReason;
import inbound.worker.QueuedMessage;
import inbound.worker.WorkerProperties;
import inbound.wiring.QueueBeans;
import inbound.secrets.SecretUnavailable;
import inbound.settings.Settings;
import inbound.wiring.WorkerBeans;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
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
 * order through the shared worker route, each put on its exchange by {@link QueuedMessage}. A record
 * that fails transiently is reported, with every later record of its message group (so the queue
 * delivers them again, in order); the other groups go on. A permanent failure goes to the dead-letter
 * queue in the route and counts as handled. Nothing here fails the whole batch: when the database or
 * a secret is unavailable, or the invocation's time is nearly up, the records not yet run are
 * reported for redelivery instead of being tried one by one into the function's timeout.
 */
public final class WorkerHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private static final Logger LOG = LoggerFactory.getLogger(WorkerHandler.class);

    private final FunctionContext function;
    private final long reserveMillis;

    public WorkerHandler() {
        this(FunctionContext.start("worker",
                List.of(new QueueBeans(new LambdaQueue()), new WorkerBeans(new InProcessReplayWorker(WorkerRoute.ENDPOINT))),
                List.of(new WorkerErrorHandling(), new WorkerRoute(), new ProcessingRoutes())));
    }

    WorkerHandler(FunctionContext function) {
        this.function = function;
        this.reserveMillis = new Settings(function.camel()).number("inbound.lambda.worker.reserve-ms");
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        Set<String> failedGroups = new HashSet<>();
        List<SQSEvent.SQSMessage> records = event.getRecords() == null ? List.of() : event.getRecords();
        // the queue's visibility is six times the function's timeout (Terraform): the invocation's own time bounds the batch
        Instant startDeadline = context == null ? Instant.MAX : Instant.now().plusMillis(context.getRemainingTimeInMillis() - reserveMillis);
        boolean stopped = false;
        for (int index = 0; index < records.size(); index++) {
            QueuedMessage message = queuedMessage(records.get(index));
            String group = message.groupId();
            stopped = stopped || (context != null && context.getRemainingTimeInMillis() < reserveMillis);
            // the route holds back a failed group's later records too; this also covers a failure before the route saw one
            Outcome outcome = stopped || (group != null && failedGroups.contains(group)) ? Outcome.NOT_RUN : run(message, index, startDeadline);
            if (outcome != Outcome.DONE) {
                failures.add(new SQSBatchResponse.BatchItemFailure(message.messageId()));
                if (group != null) {
                    failedGroups.add(group);
                }
            }
            stopped = stopped || outcome == Outcome.UNAVAILABLE;
        }
        return new SQSBatchResponse(failures);
    }

    private enum Outcome {
        /** processed, or a permanent failure sent to the dead-letter queue */
        DONE,
        FAILED,
        /** the database or a secret is not reachable: the records after it would fail the same way */
        UNAVAILABLE,
        NOT_RUN
    }

    private Outcome run(QueuedMessage message, int index, Instant startDeadline) {
        try {
            Exchange done = function.template().send(WorkerRoute.RECEIVED, exchange -> {
                exchange.setProperty(ExchangePropertyKey.BATCH_INDEX, index);
                exchange.setProperty(WorkerProperties.START_DEADLINE, startDeadline);
                message.writeTo(exchange);
            });
            if (done.getException() != null) {
                return unavailable(done.getException()) ? Outcome.UNAVAILABLE : Outcome.FAILED;
            }
            // a direct replay writes no new dead letter, so for it a permanent failure is a failure too
            return message.directReplay() && done.getProperty(DeadLetterReason.PROPERTY) != null ? Outcome.FAILED : Outcome.DONE;
        } catch (RuntimeException unexpected) {
            LOG.error("Record {} could not be handed to the worker route", message.messageId(), unexpected);
            return Outcome.FAILED;
        }
    }

    /** No connection to the database (SQL state class 08, or the pool's timeout), or a secret that could not be read. */
    private static boolean unavailable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SecretUnavailable || cause instanceof SQLTransientConnectionException
                    || cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                return true;
            }
        }
        return false;
    }

    private static QueuedMessage queuedMessage(SQSEvent.SQSMessage record) {
        Map<String, String> attributes = new HashMap<>();
        if (record.getMessageAttributes() != null) {
            record.getMessageAttributes().forEach((name, attribute) -> attributes.put(name, attribute.getStringValue()));
        }
        return QueuedMessage.ofEventRecord(record.getMessageId(), record.getBody(), record.getAttributes(), attributes);
    }
}
