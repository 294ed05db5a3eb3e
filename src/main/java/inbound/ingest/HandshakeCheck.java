package inbound.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import inbound.provider.ProviderDefinition;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Recognises a provider's endpoint check — Slack's {@code url_verification} — once its signature has
 * been verified, and prepares the answer, so that the route answers it at once instead of queueing it.
 */
public final class HandshakeCheck implements Processor {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public void process(Exchange exchange) {
        ProviderDefinition provider = exchange.getProperty(IngestProperties.PROVIDER, ProviderDefinition.class);
        if (provider.handshake() != ProviderDefinition.Handshake.SLACK_URL_VERIFICATION) {
            return;
        }
        JsonNode json = exchange.getProperty(IngestProperties.JSON, JsonNode.class);
        if (json != null && "url_verification".equals(json.path("type").asText())) {
            exchange.setProperty(IngestProperties.HANDSHAKE_ANSWER,
                    JSON.createObjectNode().put("challenge", json.path("challenge").asText()).toString());
        }
    }
}
