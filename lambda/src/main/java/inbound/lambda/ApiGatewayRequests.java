package inbound.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import inbound.ingest.ProviderLookup;
import inbound.support.FailureWithoutMessage;
import inbound.support.JsonAnswers;
import inbound.support.Refusal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns an API Gateway proxy event into the exchange a shared route expects — what the server shape's HTTP
 * server hands its routes: headers, path parameters, raw query, exact body bytes — and the route's answer back
 * into a proxy response.
 */
final class ApiGatewayRequests {

    private static final Logger LOG = LoggerFactory.getLogger(ApiGatewayRequests.class);

    private ApiGatewayRequests() {
    }

    /** A webhook, for the ingest route: its headers, its provider, its query as sent and its body. */
    static void copy(APIGatewayProxyRequestEvent request, Exchange exchange) {
        copyHeadersQueryAndBody(request, exchange);
        if (request.getPathParameters() != null) {
            exchange.getMessage().setHeader(ProviderLookup.PROVIDER_HEADER, request.getPathParameters().get("provider"));
        }
    }

    /**
     * An operator request, as the server's HTTP server hands it on: the headers, then each query parameter and
     * each path parameter as a header of its name (a path parameter wins over a header or query parameter of the
     * same name), the query as sent, the body.
     */
    static void copyOperatorRequest(APIGatewayProxyRequestEvent request, Exchange exchange) {
        copyHeadersQueryAndBody(request, exchange);
        Message message = exchange.getMessage();
        if (request.getQueryStringParameters() != null) {
            request.getQueryStringParameters().forEach(message::setHeader);
        }
        if (request.getPathParameters() != null) {
            request.getPathParameters().forEach(message::setHeader);
        }
    }

    private static void copyHeadersQueryAndBody(APIGatewayProxyRequestEvent request, Exchange exchange) {
        Message message = exchange.getMessage();
        if (request.getHeaders() != null) {
            request.getHeaders().forEach(message::setHeader);
        }
        message.setHeader(Exchange.HTTP_QUERY, query(request.getMultiValueQueryStringParameters(), request.getQueryStringParameters()));
        message.setBody(body(request.getBody(), Boolean.TRUE.equals(request.getIsBase64Encoded())));
    }

    /**
     * API Gateway hands the query over decoded: it is encoded again, in the order given. A signature
     * over the exact query (Twilio's) holds as long as the provider encoded it the usual way.
     */
    static String query(Map<String, List<String>> multiValue, Map<String, String> singleValue) {
        StringJoiner query = new StringJoiner("&");
        if (multiValue != null) {
            multiValue.forEach((name, values) -> values.forEach(value -> query.add(encode(name) + "=" + encode(value))));
        } else if (singleValue != null) {
            singleValue.forEach((name, value) -> query.add(encode(name) + "=" + encode(value)));
        }
        return query.length() == 0 ? null : query.toString();
    }

    private static byte[] body(String body, boolean base64) {
        if (body == null) {
            return new byte[0];
        }
        if (!base64) {
            return body.getBytes(StandardCharsets.UTF_8);
        }
        try {
            return Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException notBase64) {
            throw new Refusal(400, "malformed_body", "The body is marked as base64-encoded but is not base64.");
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /**
     * The route's answer: its status, the headers it set (those of Camel's own are not HTTP headers, as the
     * server's HTTP server leaves them out too) and its body as text; {@code internalError} when it has none.
     */
    static APIGatewayProxyResponseEvent response(Exchange answered, String internalError) {
        Message message = answered.getMessage();
        Integer status = message.getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        if (answered.getException() instanceof Refusal refused) {
            // refused before the route could start, as it was turned into the route's exchange
            return json(refused.status(), JsonAnswers.errorBody(refused.code(), refused.getMessage()));
        }
        if (answered.getException() != null || status == null) {
            LOG.error("A request failed unexpectedly: {}", FailureWithoutMessage.describe(answered.getException()));
            LOG.debug("Unexpected failure", answered.getException());
            return json(500, internalError);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        message.getHeaders().forEach((name, value) -> {
            if (value != null && !isCamelHeader(name)) {
                headers.put(name, value.toString());
            }
        });
        headers.putIfAbsent(Exchange.CONTENT_TYPE, "application/json");
        return new APIGatewayProxyResponseEvent().withStatusCode(status).withHeaders(headers).withBody(text(message.getBody()));
    }

    /** A JSON answer of the handler's own. */
    static APIGatewayProxyResponseEvent json(int status, String body) {
        return new APIGatewayProxyResponseEvent().withStatusCode(status).withHeaders(Map.of(Exchange.CONTENT_TYPE, "application/json")).withBody(body);
    }

    private static boolean isCamelHeader(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.startsWith("camel") || lower.startsWith("org.apache.camel");
    }

    /** The console's files are bytes of UTF-8 text; every other answer is a string already. */
    private static String text(Object body) {
        if (body instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return body == null ? null : body.toString();
    }
}
