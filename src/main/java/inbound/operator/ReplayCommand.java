package inbound.operator;

import com.fasterxml.jackson.databind.JsonNode;
import inbound.support.Refusal;
import java.io.IOException;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Reads a replay command given as one JSON object (the replay function's input): the operator API's
 * filter ({@link ReplayRequest}) moves the matching dead letters back to the queue; with
 * {@code "mode": "direct"} and one {@code "eventId"}, that dead letter runs through the worker now.
 * Sets the {@code mode} header and the body the replay routes expect.
 */
public final class ReplayCommand implements org.apache.camel.Processor {

    private final ReplayRequest filterRequest = new ReplayRequest();

    @Override
    public void process(Exchange exchange) {
        Message message = exchange.getMessage();
        JsonNode command = read(message.getBody(String.class));
        String mode = command.path("mode").asText("queue");
        if (mode.equals("direct")) {
            String eventId = command.path("eventId").asText("");
            if (eventId.isBlank()) {
                throw new Refusal(400, "bad_request", "A direct replay names one dead letter: {\"mode\": \"direct\", \"eventId\": \"...\"}.");
            }
            message.setHeader("mode", "direct");
            message.setBody(eventId);
            return;
        }
        if (!mode.equals("queue")) {
            throw new Refusal(400, "bad_request", "'mode' is direct (run the worker now) or queue (the default).");
        }
        message.setHeader("mode", "queue");
        filterRequest.process(exchange);
    }

    private static JsonNode read(String body) {
        try {
            JsonNode command = body == null || body.isBlank() ? null : OperatorJson.JSON.readTree(body);
            if (command != null && command.isObject()) {
                return command;
            }
        } catch (IOException unreadable) {
            // answered below like any other body that is not an object
        }
        throw new Refusal(400, "bad_request", "The replay command must be a JSON object.");
    }
}
