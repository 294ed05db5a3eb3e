package inbound.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Writes Inbound's HTTP answers, and the one shape of every error: {@code {"error": "<code>", "message":
 * "<sentence>"}}. Routes answer through an exchange; the server's Vert.x handlers and the API Gateway
 * answers, which have none, take the error body as text.
 */
public final class JsonAnswers {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonAnswers() {
    }

    public static String errorBody(String code, String message) {
        return JSON.createObjectNode().put("error", code).put("message", message).toString();
    }

    public static void error(Exchange exchange, int status, String code, String message) {
        answer(exchange, status, errorBody(code, message));
    }

    /** The refusal's status and error, with {@code Retry-After} when it has one. */
    public static void refuse(Exchange exchange, Refusal refusal) {
        error(exchange, refusal.status(), refusal.code(), refusal.getMessage());
        refusal.retryAfterSeconds().ifPresent(seconds -> exchange.getMessage().setHeader("Retry-After", String.valueOf(seconds)));
    }

    public static void answer(Exchange exchange, int status, JsonNode body) {
        answer(exchange, status, body.toString());
    }

    public static void answer(Exchange exchange, int status, String json) {
        Message message = exchange.getMessage();
        // nothing of the request (signature headers included) is echoed back
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        message.setBody(json);
    }
}
