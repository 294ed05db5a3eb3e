package inbound.wiring;

import inbound.claimcheck.ClaimCheck;
import inbound.support.Flush;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * How a shape reaches its queue: the one SQS client, what makes a message the queue accepted
 * survive a crash before its 202 ({@link Flush#NONE} where the queue is durable on its own, as Amazon SQS is),
 * and which bodies are stored aside instead of queued ({@link ClaimCheck#NONE}: none).
 */
public record QueueConnection(SqsClient client, Flush flush, ClaimCheck claimCheck) {

    public QueueConnection(SqsClient client, Flush flush) {
        this(client, flush, ClaimCheck.NONE);
    }
}
