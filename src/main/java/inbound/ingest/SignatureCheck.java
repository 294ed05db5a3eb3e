package inbound.ingest;

import inbound.provider.ProviderDefinition;
import inbound.signature.SignedRequest;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/** Verifies the provider's signature over the exact raw body; fails closed when no secret is configured. */
public final class SignatureCheck implements Processor {

    private final ProviderSecrets secrets;

    public SignatureCheck(ProviderSecrets secrets) {
        this.secrets = secrets;
    }

    @Override
    public void process(Exchange exchange) {
        ProviderDefinition provider = exchange.getProperty(IngestProperties.PROVIDER, ProviderDefinition.class);
        List<byte[]> providerSecrets = secrets.of(provider.id());
        if (providerSecrets.isEmpty()) {
            throw IngestRefusal.unauthorized("No signing secret is configured for provider '" + provider.id() + "'.");
        }
        Message message = exchange.getMessage();
        byte[] body = exchange.getProperty(IngestProperties.RAW_BODY, byte[].class);
        SignedRequest request = new SignedRequest() {
            @Override
            public String header(String name) {
                return message.getHeader(name, String.class);
            }

            @Override
            public byte[] body() {
                return body;
            }
        };
        if (!provider.signature().verify(request, providerSecrets)) {
            throw IngestRefusal.unauthorized("The signature is missing or does not match the body.");
        }
    }
}
