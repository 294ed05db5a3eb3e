package inbound.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import inbound.worker.QueuedMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** SQS events as Lambda's event source delivers them (src/test/resources/events/), read into the worker function's messages. */
public final class SqsEventFixtures {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SqsEventFixtures() {
    }

    public static List<QueuedMessage> records(String fixture) {
        List<QueuedMessage> messages = new ArrayList<>();
        for (JsonNode record : read(fixture).path("Records")) {
            Map<String, String> system = new HashMap<>();
            record.path("attributes").fields().forEachRemaining(field -> system.put(field.getKey(), field.getValue().asText()));
            Map<String, String> attributes = new HashMap<>();
            record.path("messageAttributes").fields().forEachRemaining(field ->
                    attributes.put(field.getKey(), field.getValue().path("stringValue").asText()));
            messages.add(QueuedMessage.ofEventRecord(record.path("messageId").asText(), record.path("body").asText(), system, attributes));
        }
        return messages;
    }

    private static JsonNode read(String fixture) {
        try (InputStream in = SqsEventFixtures.class.getResourceAsStream("/events/" + fixture)) {
            if (in == null) {
                throw new IllegalArgumentException("No fixture events/" + fixture);
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
