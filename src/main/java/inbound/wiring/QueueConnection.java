package inbound.wiring;

import inbound.claimcheck.ClaimCheck;
import inbound.queue.QueueRestore;
import inbound.support.Flush;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * How a shape reaches its queue: the one SQS client, what makes a message the queue accepted
 * survive a crash before its 202 ({@link Flush#NONE} where the queue is durable on its own, as Amazon SQS is),
 * which bodies are stored aside instead of queued ({@link ClaimCheck#NONE}: none), and what a restart
 * still queues again ({@link QueueRestore#NONE} where the queue keeps its messages itself, as Amazon SQS does).
 */
public record QueueConnection(SqsClient client, Flush flush, ClaimCheck claimCheck, QueueRestore restore) {

    public QueueConnection(SqsClient client, Flush flush, ClaimCheck claimCheck) {
        this(client, flush, claimCheck, QueueRestore.NONE);
    }

    public QueueConnection(SqsClient client, Flush flush) {
        this(client, flush, ClaimCheck.NONE);
    }
}
