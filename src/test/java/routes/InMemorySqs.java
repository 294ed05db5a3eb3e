package routes;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityRequest;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityResponse;
import software.amazon.awssdk.services.sqs.model.DeleteMessageRequest;
import software.amazon.awssdk.services.sqs.model.DeleteMessageResponse;
import software.amazon.awssdk.services.sqs.model.GetQueueUrlRequest;
import software.amazon.awssdk.services.sqs.model.GetQueueUrlResponse;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageResponse;

/**
 * FIFO queues in memory behind the SQS client interface, for route tests that must not reach a network:
 * what was sent, received, released and deleted, with SQS's FIFO rule that a group hands out nothing
 * while one of its messages is held. {@link #failWith} makes every call fail as an unreachable queue would.
 */
final class InMemorySqs implements SqsClient {

    private final Map<String, List<Held>> queues = new LinkedHashMap<>();
    private volatile Supplier<? extends Throwable> failure;

    /** One message in a queue; {@code receipt} is set while a receive holds it. */
    private static final class Held {
        final Message message;
        String receipt;

        Held(Message message) {
            this.message = message;
        }
    }

    InMemorySqs(String... queueNames) {
        for (String name : queueNames) {
            queues.put(name, new ArrayList<>());
        }
    }

    /** From now on every call throws what {@code failure} gives, an unchecked exception or an Error (null: calls work again). */
    void failWith(Supplier<? extends Throwable> failure) {
        this.failure = failure;
    }

    /** Puts a message into {@code queue} as the worker or a producer would. */
    synchronized void put(String queue, String group, String body, Map<String, String> attributes) {
        Map<String, MessageAttributeValue> values = new LinkedHashMap<>();
        attributes.forEach((name, value) -> values.put(name, MessageAttributeValue.builder().dataType("String").stringValue(value).build()));
        queues.get(queue).add(new Held(Message.builder().messageId(UUID.randomUUID().toString()).body(body).messageAttributes(values)
                .attributes(Map.of(MessageSystemAttributeName.MESSAGE_GROUP_ID, group)).build()));
    }

    /** What {@code queue} holds now, held or not, in order. */
    synchronized List<Message> messages(String queue) {
        return queues.get(queue).stream().map(held -> held.message).toList();
    }

    /** What {@code queue} holds that no receive holds. */
    synchronized List<Message> visible(String queue) {
        return queues.get(queue).stream().filter(held -> held.receipt == null).map(held -> held.message).toList();
    }

    private void failIfAsked() {
        Supplier<? extends Throwable> current = failure;
        if (current == null) {
            return;
        }
        Throwable thrown = current.get();
        if (thrown instanceof Error error) {
            throw error;
        }
        throw (RuntimeException) thrown;
    }

    private List<Held> queue(String url) {
        List<Held> queue = queues.get(url.substring("memory:".length()));
        if (queue == null) {
            throw QueueDoesNotExistException.builder().message("no queue at " + url).build();
        }
        return queue;
    }

    private Held byReceipt(String url, String receipt) {
        return queue(url).stream().filter(held -> receipt.equals(held.receipt)).findFirst()
                .orElseThrow(() -> SdkClientException.create("no message holds receipt " + receipt));
    }

    @Override
    public synchronized GetQueueUrlResponse getQueueUrl(GetQueueUrlRequest request) {
        failIfAsked();
        if (!queues.containsKey(request.queueName())) {
            throw QueueDoesNotExistException.builder().message("no queue " + request.queueName()).build();
        }
        return GetQueueUrlResponse.builder().queueUrl("memory:" + request.queueName()).build();
    }

    @Override
    public synchronized ReceiveMessageResponse receiveMessage(ReceiveMessageRequest request) {
        failIfAsked();
        List<Held> queue = queue(request.queueUrl());
        Set<String> heldGroups = new HashSet<>();
        queue.stream().filter(held -> held.receipt != null).forEach(held -> heldGroups.add(group(held)));
        List<Message> received = new ArrayList<>();
        int max = request.maxNumberOfMessages() == null ? 1 : request.maxNumberOfMessages();
        for (Held held : queue) {
            if (received.size() == max) {
                break;
            }
            if (held.receipt == null && !heldGroups.contains(group(held))) {
                held.receipt = UUID.randomUUID().toString();
                received.add(held.message.toBuilder().receiptHandle(held.receipt).build());
            }
        }
        return ReceiveMessageResponse.builder().messages(received).build();
    }

    private static String group(Held held) {
        return held.message.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID);
    }

    @Override
    public synchronized ChangeMessageVisibilityResponse changeMessageVisibility(ChangeMessageVisibilityRequest request) {
        failIfAsked();
        Held held = byReceipt(request.queueUrl(), request.receiptHandle());
        if (request.visibilityTimeout() == 0) {
            held.receipt = null;
        }
        return ChangeMessageVisibilityResponse.builder().build();
    }

    @Override
    public synchronized DeleteMessageResponse deleteMessage(DeleteMessageRequest request) {
        failIfAsked();
        queue(request.queueUrl()).remove(byReceipt(request.queueUrl(), request.receiptHandle()));
        return DeleteMessageResponse.builder().build();
    }

    @Override
    public synchronized SendMessageResponse sendMessage(SendMessageRequest request) {
        failIfAsked();
        String id = UUID.randomUUID().toString();
        queue(request.queueUrl()).add(new Held(Message.builder().messageId(id).body(request.messageBody())
                .messageAttributes(request.messageAttributes())
                .attributes(Map.of(MessageSystemAttributeName.MESSAGE_GROUP_ID, request.messageGroupId(),
                        MessageSystemAttributeName.MESSAGE_DEDUPLICATION_ID, request.messageDeduplicationId()))
                .build()));
        return SendMessageResponse.builder().messageId(id).build();
    }

    @Override
    public String serviceName() {
        return SERVICE_NAME;
    }

    @Override
    public void close() {
        // nothing to release
    }
}
