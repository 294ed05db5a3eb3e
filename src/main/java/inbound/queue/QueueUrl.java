package inbound.queue;

import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.GetQueueUrlRequest;

/**
 * A queue's URL, looked up by name on first use and kept: not at start-up, where the queue may not be
 * reachable yet (and, in a Lambda function, where the lookup would happen inside the SnapStart snapshot).
 */
public final class QueueUrl implements Supplier<String> {

    private final SqsClient sqs;
    private final String queueName;
    private volatile String url;

    public QueueUrl(SqsClient sqs, String queueName) {
        this.sqs = sqs;
        this.queueName = queueName;
    }

    /** Whether the queue answers a lookup of its URL: the cheapest call that proves it is reachable and exists. */
    public static boolean answers(SqsClient sqs, String queueName) {
        try {
            sqs.getQueueUrl(GetQueueUrlRequest.builder().queueName(queueName).build());
            return true;
        } catch (SdkException e) {
            return false;
        }
    }

    @Override
    public String get() {
        String known = url;
        if (known == null) {
            known = sqs.getQueueUrl(GetQueueUrlRequest.builder().queueName(queueName).build()).queueUrl();
            url = known;
        }
        return known;
    }
}
