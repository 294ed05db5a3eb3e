package inbound.worker;

import inbound.queue.QueuedEvent;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.ResourceHelper;

/**
 * Picks the JSON Schema an event is validated against: {@code <provider>/<topic>.json}, else
 * {@code <provider>/default.json}. With neither, the event is processed unvalidated, or in strict
 * mode dead-lettered.
 */
public final class SchemaSelection implements Processor {

    private final String location;
    private final boolean strict;
    private final Map<String, Optional<String>> schemaByProviderAndTopic = new ConcurrentHashMap<>();

    /** @param location where the schema folders are, e.g. {@code classpath:schemas} or {@code file:/etc/inbound/schemas} */
    public SchemaSelection(String location, boolean strict) {
        this.location = location.endsWith("/") ? location.substring(0, location.length() - 1) : location;
        this.strict = strict;
    }

    @Override
    public void process(Exchange exchange) {
        QueuedEvent event = exchange.getProperty(WorkerProperties.EVENT, QueuedEvent.class);
        // an operator's folder may gain a schema at any time; the classpath cannot
        Optional<String> schema = location.startsWith("file:")
                ? find(exchange, event.provider(), Topics.fileName(event.topic()))
                : schemaByProviderAndTopic.computeIfAbsent(event.provider() + "\n" + event.topic(),
                        key -> find(exchange, event.provider(), Topics.fileName(event.topic())));
        if (schema.isEmpty() && strict) {
            throw new PermanentFailure("no_schema", "validate",
                    "No schema for provider '" + event.provider() + "' and topic '" + event.topic() + "', and strict mode is on.");
        }
        exchange.setProperty(WorkerProperties.SCHEMA, schema.orElse(null));
    }

    private Optional<String> find(Exchange exchange, String provider, String topicFile) {
        for (String candidate : new String[] {location + "/" + provider + "/" + topicFile + ".json", location + "/" + provider + "/default.json"}) {
            if (ResourceHelper.resolveResource(exchange.getContext(), candidate).exists()) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
