package inbound.testing.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import inbound.queue.TraceHeader;
import java.util.List;
import java.util.UUID;
import java.util.function.BiConsumer;
import software.amazon.awssdk.services.sqs.model.Message;

/** One SQS FIFO record as the event source delivers it to the worker function, shaped like lambda/events/worker-sqs-fifo.json. */
public record SqsFifoRecord(String messageId, String eventId, String group, String topic, String body) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A Shopify event of its own, with fresh message and event ids. */
    public static SqsFifoRecord shopify(String group, String topic, String body) {
        return new SqsFifoRecord(UUID.randomUUID().toString(), UUID.randomUUID().toString(), group, topic, body);
    }

    /** The trace the record's message was sent with (see {@link #batch}). */
    public String traceId() {
        return "1-00000000-" + messageId.replace("-", "").substring(0, 24);
    }

    /** The records as one event, in order, each with its trace in the message's system attributes. */
    public static JsonNode batch(SqsFifoRecord... records) {
        return event(List.of(records), (record, node) -> {
            node.put("messageId", record.messageId());
            node.put("body", record.body());
            ((ObjectNode) node.path("attributes")).put("MessageGroupId", record.group());
            ((ObjectNode) node.path("attributes")).put("MessageDeduplicationId", record.eventId());
            ((ObjectNode) node.path("attributes")).put(TraceHeader.SYSTEM_ATTRIBUTE, "Root=" + record.traceId() + ";Sampled=1");
            ObjectNode attributes = (ObjectNode) node.path("messageAttributes");
            ((ObjectNode) attributes.path("eventId")).put("stringValue", record.eventId());
            ((ObjectNode) attributes.path("deliveryId")).put("stringValue", "delivery-" + record.eventId());
            ((ObjectNode) attributes.path("topic")).put("stringValue", record.topic());
        });
    }

    /** Messages received from a queue as one event, in order, as the event source delivers them: body and attributes as queued. */
    public static JsonNode batchOf(List<Message> messages) {
        return event(messages, (message, node) -> {
            node.put("messageId", message.messageId());
            node.put("body", message.body());
            ObjectNode systemAttributes = (ObjectNode) node.path("attributes");
            message.attributesAsStrings().forEach(systemAttributes::put);
            ObjectNode attributes = node.putObject("messageAttributes");
            message.messageAttributes().forEach((name, value) -> {
                ObjectNode attribute = attributes.putObject(name).put("stringValue", value.stringValue());
                attribute.putArray("stringListValues");
                attribute.putArray("binaryListValues");
                attribute.put("dataType", value.dataType());
            });
        });
    }

    /** The sample event with one record per item, each a copy of the sample's record that {@code fill} makes that item's. */
    private static <T> JsonNode event(List<T> items, BiConsumer<T, ObjectNode> fill) {
        ObjectNode sample = (ObjectNode) LambdaFunctions.sampleEvent("worker-sqs-fifo.json");
        ObjectNode template = (ObjectNode) sample.path("Records").get(0);
        ArrayNode all = JSON.createArrayNode();
        for (T item : items) {
            ObjectNode node = template.deepCopy();
            fill.accept(item, node);
            all.add(node);
        }
        sample.set("Records", all);
        return sample;
    }
}
