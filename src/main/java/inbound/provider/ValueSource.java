package inbound.provider;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * Where one piece of event metadata (topic, delivery id, ordering key) is read from: a request
 * header or a JSON pointer into the body.
 */
public record ValueSource(String header, JsonPointer pointer) {

    public static ValueSource ofHeader(String name) {
        return new ValueSource(name, null);
    }

    public static ValueSource ofPointer(String pointer) {
        return new ValueSource(null, JsonPointer.compile(pointer));
    }

    public Optional<String> read(RequestView request) {
        String value;
        if (header != null) {
            value = request.header(header);
        } else {
            JsonNode node = request.json().at(pointer);
            value = node.isValueNode() ? node.asText() : null;
        }
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    @Override
    public String toString() {
        return header != null ? "header " + header : "body " + pointer;
    }
}
