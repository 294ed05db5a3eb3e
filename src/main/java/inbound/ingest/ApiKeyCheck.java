package inbound.ingest;

import inbound.provider.ProviderDefinition;
import inbound.signature.FormBodies;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Where a provider has an API key configured, refuses (401) a request that does not present it, in
 * the {@value #HEADER} header or, for providers that cannot set headers, the {@value #QUERY_PARAMETER}
 * query parameter of the webhook URL. Compared in constant time.
 */
public final class ApiKeyCheck implements Processor {

    public static final String HEADER = "X-Inbound-Api-Key";
    public static final String QUERY_PARAMETER = "inbound_api_key";

    private final ProviderApiKeys keys;

    public ApiKeyCheck(ProviderApiKeys keys) {
        this.keys = keys;
    }

    @Override
    public void process(Exchange exchange) {
        ProviderDefinition provider = exchange.getProperty(IngestProperties.PROVIDER, ProviderDefinition.class);
        Optional<byte[]> expected = keys.of(provider.id());
        if (expected.isEmpty()) {
            return;
        }
        String presented = presented(exchange);
        if (presented == null || !MessageDigest.isEqual(expected.get(), presented.getBytes(StandardCharsets.UTF_8))) {
            throw IngestRefusals.wrongApiKey();
        }
    }

    private static String presented(Exchange exchange) {
        String header = exchange.getMessage().getHeader(HEADER, String.class);
        if (header != null) {
            return header.trim();
        }
        String query = exchange.getMessage().getHeader(Exchange.HTTP_QUERY, String.class);
        if (query == null || query.isEmpty()) {
            return null;
        }
        List<String> values;
        try {
            values = FormBodies.parse(query.getBytes(StandardCharsets.UTF_8)).get(QUERY_PARAMETER);
        } catch (IllegalArgumentException badEscape) {
            return null;
        }
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
