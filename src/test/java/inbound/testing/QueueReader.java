package inbound.testing;

import inbound.embedded.EmbeddedSqsServer;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageRequest;
import software.amazon.awssdk.services.sqs.model.GetQueueAttributesRequest;
import software.amazon.awssdk.services.sqs.model.GetQueueUrlRequest;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;

/** Reads a queue with the plain AWS SDK, as any SQS client would, taking what it reads off the queue. */
public final class QueueReader implements AutoCloseable {

    private final SqsClient sqs;
    private final String queueUrl;

    public QueueReader(int sqsPort, String queueName) {
        this.sqs = EmbeddedSqsServer.client(URI.create("http://127.0.0.1:" + sqsPort), Duration.ofSeconds(10));
        this.queueUrl = sqs.getQueueUrl(GetQueueUrlRequest.builder().queueName(queueName).build()).queueUrl();
    }

    /** Receives and deletes every message currently visible (one short poll per batch, until one comes back empty). */
    public List<Message> drain() {
        List<Message> all = new ArrayList<>();
        while (true) {
            List<Message> batch = sqs.receiveMessage(ReceiveMessageRequest.builder()
                            .queueUrl(queueUrl)
                            .maxNumberOfMessages(10)
                            .waitTimeSeconds(1)
                            .messageAttributeNames("All")
                            .messageSystemAttributeNames(MessageSystemAttributeName.MESSAGE_GROUP_ID,
                                    MessageSystemAttributeName.MESSAGE_DEDUPLICATION_ID, MessageSystemAttributeName.AWS_TRACE_HEADER)
                            .build())
                    .messages();
            if (batch.isEmpty()) {
                return all;
            }
            for (Message message : batch) {
                sqs.deleteMessage(DeleteMessageRequest.builder().queueUrl(queueUrl).receiptHandle(message.receiptHandle()).build());
            }
            all.addAll(batch);
        }
    }

    /** Receives up to ten messages and leaves them on the queue, invisible for {@code visibility}, as a consumer that has not finished yet. */
    public List<Message> receiveWithoutDeleting(Duration visibility) {
        return sqs.receiveMessage(ReceiveMessageRequest.builder()
                        .queueUrl(queueUrl)
                        .maxNumberOfMessages(10)
                        .visibilityTimeout((int) visibility.toSeconds())
                        .messageAttributeNames("All")
                        .messageSystemAttributeNames(MessageSystemAttributeName.MESSAGE_GROUP_ID)
                        .build())
                .messages();
    }

    public Map<String, String> queueAttributes() {
        return sqs.getQueueAttributes(GetQueueAttributesRequest.builder().queueUrl(queueUrl).attributeNames(QueueAttributeName.ALL).build())
                .attributesAsStrings();
    }

    public static String attribute(Message message, String name) {
        return message.messageAttributes().get(name).stringValue();
    }

    @Override
    public void close() {
        sqs.close();
    }
}
