package inbound.deadletter;

import inbound.queue.EventAttributes;
import inbound.queue.QueueUrl;
import inbound.queue.TraceHeader;
import inbound.support.Flush;
import java.util.HashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/**
 * Writes the dead letter {@link DeadLetterEnvelope} prepared: its body, its attributes (the message's
 * headers but Camel's own), its trace, its message group and deduplication id, with the SDK and a {@link QueueUrl}
 * (camel-aws2-sqs's producer resolves its queue when its route is created, which in a Lambda function
 * would be inside the SnapStart snapshot, and needs the queue reachable to start at all). The dead
 * letter is made durable ({@code queueFlush}) before the original's message may be deleted: the move
 * must outlive a crash at any moment. A failure to write leaves the event on its queue, to come again.
 */
public final class DeadLetterWriter implements Processor {

    private final SqsClient sqs;
    private final QueueUrl deadLetterQueueUrl;
    private final Flush queueFlush;

    public DeadLetterWriter(SqsClient sqs, String deadLetterQueueName, Flush queueFlush) {
        this.sqs = sqs;
        this.deadLetterQueueUrl = new QueueUrl(sqs, deadLetterQueueName);
        this.queueFlush = queueFlush;
    }

    @Override
    public void process(Exchange exchange) {
        Message message = exchange.getMessage();
        Map<String, MessageAttributeValue> attributes = new HashMap<>();
        message.getHeaders().forEach((name, value) -> {
            if (!name.startsWith("Camel") && value != null) {
                attributes.put(name, MessageAttributeValue.builder().dataType("String").stringValue(value.toString()).build());
            }
        });
        sqs.sendMessage(SendMessageRequest.builder()
                .queueUrl(deadLetterQueueUrl.get())
                .messageBody(message.getBody(String.class))
                .messageAttributes(attributes)
                .messageSystemAttributesWithStrings(TraceHeader.systemAttributes(exchange))
                .messageGroupId(exchange.getProperty(EventAttributes.GROUP_ID_PROPERTY, String.class))
                .messageDeduplicationId(exchange.getProperty(EventAttributes.DEDUPLICATION_ID_PROPERTY, String.class))
                .build());
        queueFlush.flush();
    }
}
