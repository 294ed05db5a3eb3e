package inbound.ingest;

import inbound.provider.ProviderDefinition;
import inbound.signature.Verdict;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * The part of the signature check that needs no body, for API Gateway's authorizer: the provider's
 * signature headers are present and a signed timestamp is fresh (401 otherwise). The HMAC over the
 * body is still checked by {@link SignatureCheck} in the ingest route.
 */
public final class SignatureHeadersCheck implements Processor {

    @Override
    public void process(Exchange exchange) {
        ProviderDefinition provider = exchange.getProperty(IngestProperties.PROVIDER, ProviderDefinition.class);
        Verdict verdict = provider.signature().checkHeaders(new WebhookRequest(exchange));
        if (!verdict.verified()) {
            throw IngestRefusals.unauthorized(verdict.reason());
        }
    }
}
