package inbound.testing.lambda;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/** A webhook as API Gateway's proxy integration hands it to the ingest function, shaped like lambda/events/ingest-shopify.json. */
public final class WebhookProxyEvent {

    private static final ObjectMapper JSON = new ObjectMapper();

    private WebhookProxyEvent() {
    }

    /** {@code POST /webhooks/<provider>} with these headers and this body, base64-encoded or as it is. */
    public static ObjectNode of(String provider, Map<String, String> headers, String body, boolean base64) {
        ObjectNode event = (ObjectNode) LambdaFunctions.sampleEvent("ingest-shopify.json");
        ObjectNode headerNode = JSON.createObjectNode();
        ObjectNode multiValue = JSON.createObjectNode();
        headerNode.put("Content-Type", "application/json");
        multiValue.putArray("Content-Type").add("application/json");
        headers.forEach((name, value) -> {
            headerNode.put(name, value);
            multiValue.putArray(name).add(value);
        });
        event.set("headers", headerNode);
        event.set("multiValueHeaders", multiValue);
        event.put("path", "/webhooks/" + provider);
        ((ObjectNode) event.path("pathParameters")).put("provider", provider);
        event.put("body", body);
        event.put("isBase64Encoded", base64);
        return event;
    }
}
