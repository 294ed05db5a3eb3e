package inbound.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import inbound.provider.RequestView;
import inbound.signature.FormBodies;
import inbound.signature.SignedRequest;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;

/**
 * The webhook request as the ingest steps see it, in either shape: headers of the Camel message,
 * the raw query ({@code CamelHttpQuery}), the exact raw body, and — once the shallow check parsed it —
 * the JSON or form body.
 */
final class WebhookRequest implements SignedRequest, RequestView {

    private final Exchange exchange;

    WebhookRequest(Exchange exchange) {
        this.exchange = exchange;
    }

    /**
     * The header's value; null when the query has a parameter of that name as well (or cannot be read),
     * so that a value put in the URL — a signature, a topic — never stands in for a header.
     */
    @Override
    public String header(String name) {
        return FormBodies.namesParameter(query(), name) ? null : exchange.getMessage().getHeader(name, String.class);
    }

    @Override
    public String query() {
        return exchange.getMessage().getHeader(Exchange.HTTP_QUERY, String.class);
    }

    @Override
    public byte[] body() {
        return exchange.getProperty(IngestProperties.RAW_BODY, byte[].class);
    }

    @Override
    public JsonNode json() {
        JsonNode json = exchange.getProperty(IngestProperties.JSON, JsonNode.class);
        return json == null ? MissingNode.getInstance() : json;
    }

    @Override
    @SuppressWarnings("unchecked")
    public String param(String name) {
        Map<String, List<String>> form = exchange.getProperty(IngestProperties.FORM, Map.class);
        List<String> values = form == null ? null : form.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
