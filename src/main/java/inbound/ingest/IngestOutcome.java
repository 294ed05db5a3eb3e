package inbound.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import inbound.provider.ProviderDefinition;
import java.io.IOException;
import org.apache.camel.Exchange;

/**
 * What one webhook's answer was, read off its finished exchange in either shape, with bounded values: the
 * provider as the catalogue knows it (else {@code unknown}, so that a request cannot add names), the HTTP
 * status and the reason ({@code accepted}, {@code handshake}, or the error code answered).
 */
public record IngestOutcome(String provider, int status, String reason) {

    public static final String ACCEPTED = "accepted";
    private static final ObjectMapper JSON = new ObjectMapper();

    public static IngestOutcome of(Exchange answered) {
        ProviderDefinition definition = answered.getProperty(IngestProperties.PROVIDER, ProviderDefinition.class);
        int status = answered.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 200, Integer.class);
        return new IngestOutcome(definition == null ? "unknown" : definition.id(), status, reason(answered, status));
    }

    private static String reason(Exchange answered, int status) {
        if (status == 202) {
            return ACCEPTED;
        }
        if (status < 300) {
            return "handshake";
        }
        try {
            String body = answered.getMessage().getBody(String.class);
            return body == null ? "http_" + status : JSON.readTree(body).path("error").asText("http_" + status);
        } catch (IOException notJson) {
            return "http_" + status;
        }
    }
}
