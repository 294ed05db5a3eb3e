package inbound.ingest;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import inbound.signature.FormBodies;
import java.io.IOException;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * The only check before enqueueing: the body is one well-formed JSON value, of any shape — or, when
 * sent as {@code application/x-www-form-urlencoded} (Twilio, Slack commands), well-formed form data.
 * Unknown fields are never a reason to refuse; the worker validates deeply later.
 */
public final class ShallowBodyCheck implements Processor {

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    @Override
    public void process(Exchange exchange) throws IOException {
        byte[] body = exchange.getProperty(IngestProperties.RAW_BODY, byte[].class);
        if (FormBodies.isForm(exchange.getMessage().getHeader(Exchange.CONTENT_TYPE, String.class))) {
            try {
                exchange.setProperty(IngestProperties.FORM, FormBodies.parse(body));
            } catch (IllegalArgumentException e) {
                throw IngestRefusal.malformed("The body is not well-formed form data.");
            }
            return;
        }
        JsonNode json;
        try {
            json = body.length == 0 ? null : JSON.readTree(body);
        } catch (JsonProcessingException e) {
            JsonLocation where = e.getLocation();
            throw IngestRefusal.malformed("The body is not well-formed JSON"
                    + (where == null ? "." : " (line " + where.getLineNr() + ", column " + where.getColumnNr() + ")."));
        }
        if (json == null || json.isMissingNode()) {
            throw IngestRefusal.malformed("The body is empty; a JSON value was expected.");
        }
        exchange.setProperty(IngestProperties.JSON, json);
    }
}
