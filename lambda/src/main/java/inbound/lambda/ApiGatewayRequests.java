package inbound.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import inbound.ingest.ProviderLookup;
import inbound.support.JsonAnswers;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns an API Gateway proxy event into the exchange the ingest route expects (the server shape's
 * HTTP request: headers, provider path parameter, raw query, exact body bytes) and the route's
 * answer back into a proxy response.
 */
final class ApiGatewayRequests {

    private static final Logger LOG = LoggerFactory.getLogger(ApiGatewayRequests.class);
    private static final String INTERNAL_ERROR = JsonAnswers.errorBody("internal_error", "The webhook could not be handled; retry later.");

    private ApiGatewayRequests() {
    }

    static void copy(APIGatewayProxyRequestEvent request, Exchange exchange) {
        Message message = exchange.getMessage();
        if (request.getHeaders() != null) {
            request.getHeaders().forEach(message::setHeader);
        }
        if (request.getPathParameters() != null) {
            message.setHeader(ProviderLookup.PROVIDER_HEADER, request.getPathParameters().get("provider"));
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
        return base64 ? Base64.getDecoder().decode(body) : body.getBytes(StandardCharsets.UTF_8);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static APIGatewayProxyResponseEvent response(Exchange answered) {
        Message message = answered.getMessage();
        Integer status = message.getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        if (answered.getException() != null || status == null) {
            LOG.error("The ingest route failed unexpectedly", answered.getException());
            return new APIGatewayProxyResponseEvent().withStatusCode(500)
                    .withHeaders(Map.of("Content-Type", "application/json")).withBody(INTERNAL_ERROR);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", message.getHeader(Exchange.CONTENT_TYPE, "application/json", String.class));
        String retryAfter = message.getHeader("Retry-After", String.class);
        if (retryAfter != null) {
            headers.put("Retry-After", retryAfter);
        }
        return new APIGatewayProxyResponseEvent().withStatusCode(status).withHeaders(headers).withBody(message.getBody(String.class));
    }
}
