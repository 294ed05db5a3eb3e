package inbound.reliability;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.DeleteMessageRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/**
 * Ends the process at a chosen moment of its queue traffic, the way a SIGKILL would (no shutdown
 * hook, nothing flushed that was not already written), so that the crash scenario can aim where a
 * random kill rarely lands. {@code HARNESS_HALT_AT=<moment>:<n>} picks the n-th occurrence, counted from
 * the process's start; unset, nothing happens. The AWS SDK loads this interceptor into every client of
 * a JVM whose class path has the test classes (software/amazon/awssdk/global/handlers/execution.interceptors).
 */
public final class HaltAtMoment implements ExecutionInterceptor {

    static final String VARIABLE = "HARNESS_HALT_AT";
    /** The exit code of a process killed by SIGKILL, which is what the harness sees either way. */
    private static final int KILLED = 137;
    private static final String MAIN_QUEUE = "/webhook-events.fifo";
    private static final String DEAD_LETTER_QUEUE = "/webhook-events-dlq.fifo";

    /** Where in the traffic of the server shape a process can be made to end. */
    enum Moment {
        /** A group commit's SendMessageBatch is on its way: the queue never gets it, no request was answered. */
        SEND_BATCH,
        /** The queue confirmed a group commit's batch, before the checkpoint that makes it durable and before any 202. */
        BEFORE_CHECKPOINT,
        /** The worker processed and recorded a receive's events, before their batch delete from the queue. */
        BEFORE_DELETE,
        /** A replay's move: the main queue confirmed a dead letter's copy, before its delete from the dead-letter queue. */
        REPLAY_MOVE,
        /**
         * A replay's delete from the dead-letter queue is on its way: in a direct replay, the worker has
         * processed and recorded the event; in a filtered one, the main queue confirmed its copy.
         */
        DEAD_LETTER_DELETE;

        String variableValue(int occurrence) {
            return name().toLowerCase(Locale.ROOT).replace('_', '-') + ":" + occurrence;
        }
    }

    private final Moment moment;
    private final int occurrence;
    private final AtomicInteger seen = new AtomicInteger();

    public HaltAtMoment() {
        String chosen = System.getenv(VARIABLE);
        if (chosen == null || chosen.isBlank()) {
            moment = null;
            occurrence = 0;
        } else {
            String[] parts = chosen.split(":");
            moment = Moment.valueOf(parts[0].toUpperCase(Locale.ROOT).replace('-', '_'));
            occurrence = Integer.parseInt(parts[1]);
        }
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        if (moment == Moment.SEND_BATCH && isGroupCommit(context.request())) {
            haltAtOccurrence();
        }
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        if (moment == Moment.BEFORE_CHECKPOINT && isGroupCommit(context.request())
                || moment == Moment.REPLAY_MOVE && isReplayMove(context.request())) {
            haltAtOccurrence();
        }
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        SdkRequest request = context.request();
        if (moment == Moment.BEFORE_DELETE && request instanceof DeleteMessageBatchRequest delete && delete.queueUrl().endsWith(MAIN_QUEUE)
                || moment == Moment.DEAD_LETTER_DELETE && request instanceof DeleteMessageRequest one && one.queueUrl().endsWith(DEAD_LETTER_QUEUE)) {
            haltAtOccurrence();
        }
    }

    /** The ingest's group commit: its writer's threads, not the re-send of stored messages at start. */
    private static boolean isGroupCommit(SdkRequest request) {
        return request instanceof SendMessageBatchRequest send && send.queueUrl().endsWith(MAIN_QUEUE)
                && Thread.currentThread().getName().startsWith("inbound-queue-writer");
    }

    /** A single SendMessage to the main queue is only ever a replay's move (the ingest and the re-send at start send batches). */
    private static boolean isReplayMove(SdkRequest request) {
        return request instanceof SendMessageRequest send && send.queueUrl().endsWith(MAIN_QUEUE);
    }

    private void haltAtOccurrence() {
        if (seen.incrementAndGet() == occurrence) {
            Runtime.getRuntime().halt(KILLED);
        }
    }
}
