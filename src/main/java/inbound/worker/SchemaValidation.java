package inbound.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.ValidationMessage;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.jsonvalidator.DefaultJsonUriSchemaLoader;
import org.apache.camel.component.jsonvalidator.JsonValidationException;

/**
 * Validates the event against the schema {@link SchemaSelection} chose, with camel-json-validator's
 * schema loader and its {@link JsonValidationException} for a violation. Loaded schemas are kept; one
 * in a folder of the operator's ({@code file:}) is loaded again when its file changed, so that a fixed
 * schema applies to the next event and replay without a restart. (The json-validator endpoint keeps a
 * loaded schema for good, which is why this is a step of its own rather than a {@code toD}.)
 */
public final class SchemaValidation implements Processor {

    private final DefaultJsonUriSchemaLoader loader = new DefaultJsonUriSchemaLoader();
    private final Map<String, LoadedSchema> schemas = new ConcurrentHashMap<>();

    private record LoadedSchema(long lastModified, JsonSchema schema) {
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        String resource = exchange.getProperty(WorkerProperties.SCHEMA, String.class);
        if (resource == null) {
            return;
        }
        JsonSchema schema = load(exchange, resource);
        Set<ValidationMessage> errors = schema.validate(exchange.getProperty(WorkerProperties.PAYLOAD, JsonNode.class));
        if (!errors.isEmpty()) {
            throw new JsonValidationException(exchange, schema, errors);
        }
    }

    private JsonSchema load(Exchange exchange, String resource) throws Exception {
        long lastModified = resource.startsWith("file:") ? Path.of(resource.substring("file:".length())).toFile().lastModified() : 0;
        LoadedSchema loaded = schemas.get(resource);
        if (loaded == null || loaded.lastModified() != lastModified) {
            loaded = new LoadedSchema(lastModified, loader.createSchema(exchange.getContext(), resource));
            schemas.put(resource, loaded);
        }
        return loaded.schema();
    }
}
