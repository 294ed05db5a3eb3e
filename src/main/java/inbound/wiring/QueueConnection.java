package inbound.wiring;

import inbound.support.Flush;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * How a shape reaches its queue: the one SQS client, and what makes a message the queue accepted
 * survive a crash before its 202 ({@link Flush#NONE} where the queue is durable on its own, as Amazon SQS is).
 */
public record QueueConnection(SqsClient client, Flush flush) {
}
