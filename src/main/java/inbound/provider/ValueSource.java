package inbound.provider;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/**
 * Where one piece of event metadata (topic, delivery id, ordering key) is read from: a request
 * header, a JSON pointer into a JSON body, or a parameter of a form body.
 */
public record ValueSource(String header, JsonPointer pointer, String param) {

    public static ValueSource ofHeader(String name) {
        return new ValueSource(name, null, null);
    }

    public static ValueSource ofPointer(String pointer) {
        return new ValueSource(null, JsonPointer.compile(pointer), null);
    }

    public static ValueSource ofParam(String name) {
        return new ValueSource(null, null, name);
    }

    /** The first value the sources yield. */
    public static Optional<String> first(List<ValueSource> sources, RequestView request) {
        for (ValueSource source : sources) {
            Optional<String> value = source.read(request);
            if (value.isPresent()) {
                return value;
            }
        }
        return Optional.empty();
    }

    public Optional<String> read(RequestView request) {
        String value;
        if (header != null) {
            value = request.header(header);
        } else if (param != null) {
            value = request.param(param);
        } else {
            JsonNode node = request.json().at(pointer);
            value = node.isValueNode() ? node.asText() : null;
        }
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    @Override
    public String toString() {
        return header != null ? "header " + header : param != null ? "form parameter " + param : "body " + pointer;
    }
}
