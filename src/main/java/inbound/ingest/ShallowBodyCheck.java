package inbound.ingest;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import inbound.signature.FormBodies;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * The only check before enqueueing: the body is one well-formed JSON value, of any shape — or, when
 * sent as {@code application/x-www-form-urlencoded} (Twilio, Slack commands), well-formed form data.
 * Unknown fields are never a reason to refuse; the worker validates deeply later.
 */
public final class ShallowBodyCheck implements Processor {

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private static boolean isUtf8(byte[] body) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    @Override
    public void process(Exchange exchange) throws IOException {
        byte[] body = exchange.getProperty(IngestProperties.RAW_BODY, byte[].class);
        if (!isUtf8(body)) {
            // SQS carries text, and JSON on the wire is UTF-8 (RFC 8259): anything else would not be queued byte for byte
            throw IngestRefusals.malformed("The body is not UTF-8 text.");
        }
        if (FormBodies.isForm(exchange.getMessage().getHeader(Exchange.CONTENT_TYPE, String.class))) {
            if (!FormBodies.isWellFormed(new String(body, StandardCharsets.UTF_8))) {
                throw IngestRefusals.malformed("The body is not well-formed form data.");
            }
            exchange.setProperty(IngestProperties.FORM, FormBodies.parse(body));
            return;
        }
        JsonNode json;
        try {
            json = body.length == 0 ? null : JSON.readTree(body);
        } catch (JsonProcessingException e) {
            JsonLocation where = e.getLocation();
            throw IngestRefusals.malformed("The body is not well-formed JSON"
                    + (where == null ? "." : " (line " + where.getLineNr() + ", column " + where.getColumnNr() + ")."));
        }
        if (json == null || json.isMissingNode()) {
            throw IngestRefusals.malformed("The body is empty; a JSON value was expected.");
        }
        exchange.setProperty(IngestProperties.JSON, json);
    }
}
