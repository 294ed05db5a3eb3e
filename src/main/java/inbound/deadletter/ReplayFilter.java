package inbound.deadletter;

import inbound.queue.EventAttributes;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * Which dead letters a replay takes: the given event ids, or those of a provider, a topic or an
 * error code (all given criteria must hold), or all of them. An empty filter matches nothing, so
 * that replaying everything is always said out loud.
 */
public record ReplayFilter(Set<String> ids, String provider, String topic, String error, boolean all, boolean dryRun) {

    public ReplayFilter {
        ids = ids == null ? Set.of() : Set.copyOf(ids);
    }

    public boolean isEmpty() {
        return !all && ids.isEmpty() && provider == null && topic == null && error == null;
    }

    public boolean matches(Message message) {
        if (all) {
            return true;
        }
        if (isEmpty()) {
            return false;
        }
        Map<String, MessageAttributeValue> attributes = message.messageAttributes();
        return (ids.isEmpty() || ids.contains(value(attributes, EventAttributes.EVENT_ID)))
                && (provider == null || provider.equals(value(attributes, EventAttributes.PROVIDER)))
                && (topic == null || topic.equals(value(attributes, EventAttributes.TOPIC)))
                && (error == null || error.equals(value(attributes, DeadLetterAttributes.ERROR_CODE)));
    }

    private static String value(Map<String, MessageAttributeValue> attributes, String name) {
        MessageAttributeValue value = attributes.get(name);
        return value == null ? null : value.stringValue();
    }
}
