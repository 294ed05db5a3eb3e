package inbound.operator;

import com.fasterxml.jackson.databind.JsonNode;
import inbound.deadletter.ReplayFilter;
import inbound.support.Refusal;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Reads the body of {@code POST /dead-letters/replay} into a {@link ReplayFilter}:
 * {@code {"ids": [...], "provider": "...", "topic": "...", "error": "...", "all": true, "dryRun": true}}.
 */
public final class ReplayRequest implements Processor {

    @Override
    public void process(Exchange exchange) {
        String body = exchange.getMessage().getBody(String.class);
        JsonNode request;
        try {
            request = body == null || body.isBlank() ? OperatorJson.JSON.createObjectNode() : OperatorJson.JSON.readTree(body);
        } catch (IOException e) {
            throw new Refusal(400, "bad_request", "The body must be a JSON filter object.");
        }
        if (!request.isObject()) {
            throw new Refusal(400, "bad_request", "The body must be a JSON filter object.");
        }
        Set<String> ids = new HashSet<>();
        request.path("ids").forEach(id -> ids.add(id.asText()));
        ReplayFilter filter = new ReplayFilter(ids, text(request, "provider"), text(request, "topic"), text(request, "error"),
                request.path("all").asBoolean(false), request.path("dryRun").asBoolean(false));
        if (filter.isEmpty()) {
            throw new Refusal(400, "empty_filter", "Give ids, provider, topic or error, or \"all\": true to replay every dead letter.");
        }
        exchange.getMessage().setBody(filter);
    }

    private static String text(JsonNode request, String field) {
        JsonNode value = request.get(field);
        return value == null || value.isNull() || value.asText().isBlank() ? null : value.asText();
    }
}
