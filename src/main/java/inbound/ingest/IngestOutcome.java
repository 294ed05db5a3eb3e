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

    /** The outcome as the exchange's message answers it (the server shape's HTTP component sends that message). */
    public static IngestOutcome of(Exchange answered) {
        return of(answered, answered.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 200, Integer.class),
                answered.getMessage().getBody(String.class));
    }

    /** The outcome of an exchange answered with this status and body (the Lambda shape's own answer to a failed route included). */
    public static IngestOutcome of(Exchange answered, int status, String body) {
        ProviderDefinition definition = answered.getProperty(IngestProperties.PROVIDER, ProviderDefinition.class);
        return new IngestOutcome(definition == null ? "unknown" : definition.id(), status, reason(status, body));
    }

    private static String reason(int status, String body) {
        if (status == 202) {
            return ACCEPTED;
        }
        if (status < 300) {
            return "handshake";
        }
        try {
            return body == null ? "http_" + status : JSON.readTree(body).path("error").asText("http_" + status);
        } catch (IOException notJson) {
            return "http_" + status;
        }
    }
}
