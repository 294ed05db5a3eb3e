package inbound.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/** Writes the answers of the ingest route: 202 with the event id, or a JSON error. */
public final class IngestResponses {

    private static final ObjectMapper JSON = new ObjectMapper();

    private IngestResponses() {
    }

    public static void accepted(Exchange exchange) {
        ObjectNode body = JSON.createObjectNode().put("id", exchange.getProperty(IngestProperties.EVENT_ID, String.class));
        answer(exchange.getMessage(), 202, body);
    }

    /** The answer to a provider's endpoint check (see {@link HandshakeCheck}): 200 with the prepared body. */
    public static void handshake(Exchange exchange) {
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        message.setBody(exchange.getProperty(IngestProperties.HANDSHAKE_ANSWER, String.class));
    }

    public static void error(Exchange exchange, int status, String code, String humanMessage) {
        answer(exchange.getMessage(), status, JSON.createObjectNode().put("error", code).put("message", humanMessage));
    }

    private static void answer(Message message, int status, ObjectNode body) {
        // nothing of the request (signature headers included) is echoed back
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        message.setBody(body.toString());
    }
}
