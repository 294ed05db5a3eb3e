package inbound.queue;

import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.GetQueueAttributesRequest;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** How many messages a queue holds, as SQS counts them (approximately): waiting to be received, and received but not yet deleted. */
public final class QueueDepth {

    private static final List<QueueAttributeName> COUNTS = List.of(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE);

    private final SqsClient sqs;
    private final QueueUrl queueUrl;

    public QueueDepth(SqsClient sqs, String queueName) {
        this.sqs = sqs;
        this.queueUrl = new QueueUrl(sqs, queueName);
    }

    /** One reading; throws the SDK's exception when the queue does not answer. */
    public Depth read() {
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(GetQueueAttributesRequest.builder()
                .queueUrl(queueUrl.get()).attributeNames(COUNTS).build()).attributes();
        return new Depth(count(attributes, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES),
                count(attributes, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    private static long count(Map<QueueAttributeName, String> attributes, QueueAttributeName name) {
        String value = attributes.get(name);
        return value == null ? 0 : Long.parseLong(value);
    }

    /** Messages waiting ({@code visible}) and received but not yet deleted ({@code inFlight}). */
    public record Depth(long visible, long inFlight) {
    }
}
