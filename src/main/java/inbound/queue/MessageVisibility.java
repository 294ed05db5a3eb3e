package inbound.queue;

import java.time.Duration;
import org.apache.camel.Exchange;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityRequest;

/** Extends how long a message the consumer received stays invisible to other consumers, from now. */
public final class MessageVisibility {

    private final SqsClient sqs;
    private final QueueUrl queueUrl;

    public MessageVisibility(SqsClient sqs, String queueName) {
        this.sqs = sqs;
        this.queueUrl = new QueueUrl(sqs, queueName);
    }

    /** False when the message has no receipt handle or the queue refused: it may already be visible again. */
    public boolean extend(Exchange message, Duration visibility) {
        String receiptHandle = message.getMessage().getHeader(SqsHeaders.RECEIPT_HANDLE, String.class);
        if (receiptHandle == null) {
            return false;
        }
        try {
            sqs.changeMessageVisibility(ChangeMessageVisibilityRequest.builder()
                    .queueUrl(queueUrl.get()).receiptHandle(receiptHandle).visibilityTimeout((int) visibility.toSeconds()).build());
            return true;
        } catch (SdkException refused) {
            return false;
        }
    }
}
