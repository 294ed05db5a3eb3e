package inbound.ingest;

import inbound.provider.ProviderDefinition;
import inbound.signature.Verdict;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Verifies the provider's signature over the exact raw body (and its timestamp, where the scheme signs
 * one); fails closed when no secret is configured. Verification happens here, once: only verified
 * events are ever queued, so neither the worker nor a replay verifies again.
 */
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
            throw IngestRefusals.unauthorized("No signing secret is configured for provider '" + provider.id() + "'.");
        }
        Verdict verdict = provider.signature().verify(new WebhookRequest(exchange), providerSecrets);
        if (!verdict.verified()) {
            throw IngestRefusals.unauthorized(verdict.reason());
        }
    }
}
