package inbound.worker;

import inbound.queue.SqsHeaders;
import inbound.queue.EventAttributes;
import inbound.queue.TraceHeader;
import inbound.support.LoggedEvent;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Exchange;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * A queued message as the worker takes it, whatever brought it — the server's SQS consumer, an SQS
 * event of the worker function, or an operator's direct replay of a dead letter — and the one place
 * that puts it on a worker exchange ({@link #writeTo}): the body as it is, every message attribute as
 * a header of its name, the message group and receive count (SQS system attributes) as
 * {@link SqsHeaders#MESSAGE_GROUP_ID} and {@link SqsHeaders#RECEIVE_COUNT}, its trace (the system attribute
 * {@link TraceHeader#SYSTEM_ATTRIBUTE}) as {@link EventAttributes#TRACE_PROPERTY}, a direct replay as the property
 * {@link WorkerProperties#DIRECT_REPLAY}; and the event it is as the one the run's log lines name.
 */
public record QueuedMessage(String messageId, String body, String groupId, String receiveCount, Map<String, String> attributes,
        Optional<TraceHeader> trace, boolean directReplay) {

    /** The header camel-aws2-sqs keeps a received message's system attributes in. */
    static final String CONSUMER_SYSTEM_ATTRIBUTES_HEADER = "CamelAwsSqsAttributes";
    /** The header camel-aws2-sqs keeps a received message's message attributes in. */
    static final String CONSUMER_MESSAGE_ATTRIBUTES_HEADER = "CamelAwsSqsMessageAttributes";

    public QueuedMessage {
        attributes = Map.copyOf(attributes);
    }

    /**
     * A message as the queue handed it out, by its system attributes (of which the group and the
     * receive count are taken) and its message attributes, each by its string value.
     */
    public static QueuedMessage received(String messageId, String body, Map<String, String> systemAttributes, Map<String, String> attributes) {
        Map<String, String> system = systemAttributes == null ? Map.of() : systemAttributes;
        return new QueuedMessage(messageId, body, system.get(SqsHeaders.MESSAGE_GROUP_ID), system.get(SqsHeaders.RECEIVE_COUNT), present(attributes),
                TraceHeader.ofSystemAttributes(system), false);
    }

    /**
     * A message from the server's consumer, read from the headers camel-aws2-sqs keeps the received
     * message in, so that the worker does not depend on which of them the component also copies to
     * headers of their own.
     */
    @SuppressWarnings("unchecked")
    public static QueuedMessage consumed(org.apache.camel.Message message) {
        Map<MessageSystemAttributeName, String> system = message.getHeader(CONSUMER_SYSTEM_ATTRIBUTES_HEADER, Map.class);
        Map<String, MessageAttributeValue> attributes = message.getHeader(CONSUMER_MESSAGE_ATTRIBUTES_HEADER, Map.class);
        return received(message.getHeader("CamelAwsSqsMessageId", String.class), message.getBody(String.class),
                systemAttributes(system), stringValues(attributes));
    }

    /**
     * A record of the worker function's SQS event. A direct replay reaches the function as such a
     * record too (see {@link #eventSourceAttributes}), marked by an attribute only an invocation
     * carries: the mark becomes {@link WorkerProperties#DIRECT_REPLAY} and is not passed on as a header.
     */
    public static QueuedMessage ofEventRecord(String messageId, String body, Map<String, String> systemAttributes, Map<String, String> attributes) {
        QueuedMessage received = received(messageId, body, systemAttributes, attributes);
        Map<String, String> unmarked = new HashMap<>(received.attributes());
        boolean marked = EventAttributes.DIRECT_REPLAY_MODE.equals(unmarked.remove(EventAttributes.REPLAY_MODE));
        return new QueuedMessage(messageId, body, received.groupId(), received.receiveCount(), unmarked, received.trace(), marked);
    }

    /**
     * An operator's direct replay of a dead letter: its body and attributes (the reason it failed
     * among them), counted as its first receive, with the replay count it is run as.
     */
    public static QueuedMessage directReplay(Message deadLetter, int replayCount) {
        Map<String, String> attributes = new HashMap<>(stringValues(deadLetter.messageAttributes()));
        attributes.put(EventAttributes.REPLAY_COUNT, String.valueOf(replayCount));
        return new QueuedMessage(deadLetter.messageId(), deadLetter.body(),
                deadLetter.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID), "1", attributes,
                TraceHeader.ofSystemAttributes(deadLetter.attributesAsStrings()), true);
    }

    /** The message attributes as a record of the worker function's event carries them: a direct replay with its mark. */
    public Map<String, String> eventSourceAttributes() {
        Map<String, String> attributes = new LinkedHashMap<>(this.attributes);
        if (directReplay) {
            attributes.put(EventAttributes.REPLAY_MODE, EventAttributes.DIRECT_REPLAY_MODE);
        }
        return attributes;
    }

    /** Puts the message on the exchange the worker route runs. */
    public void writeTo(Exchange exchange) {
        org.apache.camel.Message message = exchange.getMessage();
        // an attribute must not pass for one of Camel's headers, such as the receipt handle the message is deleted by
        attributes.forEach((name, value) -> {
            if (!name.regionMatches(true, 0, "Camel", 0, "Camel".length())) {
                message.setHeader(name, value);
            }
        });
        message.setHeader(SqsHeaders.MESSAGE_GROUP_ID, groupId);
        message.setHeader(SqsHeaders.RECEIVE_COUNT, receiveCount);
        trace.ifPresent(header -> exchange.setProperty(EventAttributes.TRACE_PROPERTY, header));
        if (directReplay) {
            exchange.setProperty(WorkerProperties.DIRECT_REPLAY, true);
        }
        message.setBody(body);
        new LoggedEvent(attributes.get(EventAttributes.EVENT_ID), attributes.get(EventAttributes.PROVIDER), attributes.get(EventAttributes.DELIVERY_ID),
                groupId, trace.map(TraceHeader::traceId).orElse(null)).attachTo(exchange);
    }

    private static Map<String, String> present(Map<String, String> attributes) {
        Map<String, String> present = new HashMap<>();
        if (attributes != null) {
            attributes.forEach((name, value) -> {
                if (value != null) {
                    present.put(name, value);
                }
            });
        }
        return present;
    }

    private static Map<String, String> systemAttributes(Map<MessageSystemAttributeName, String> attributes) {
        Map<String, String> byName = new HashMap<>();
        if (attributes != null) {
            attributes.forEach((name, value) -> byName.put(name.toString(), value));
        }
        return byName;
    }

    private static Map<String, String> stringValues(Map<String, MessageAttributeValue> attributes) {
        Map<String, String> values = new HashMap<>();
        if (attributes != null) {
            attributes.forEach((name, value) -> {
                if (value.stringValue() != null) {
                    values.put(name, value.stringValue());
                }
            });
        }
        return values;
    }
}
