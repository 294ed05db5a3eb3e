package inbound.ingest;

import inbound.provider.ProviderDefinition;
import inbound.support.JsonAnswers;
import inbound.support.Refusal;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Answers a refused webhook with its status and JSON error, and logs the refusal once, without payload or secret. */
public final class RefusalResponse implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(RefusalResponse.class);

    @Override
    public void process(Exchange exchange) {
        Refusal refusal = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Refusal.class);
        ProviderDefinition provider = exchange.getProperty(IngestProperties.PROVIDER, ProviderDefinition.class);
        String named = exchange.getMessage().getHeader(ProviderLookup.PROVIDER_HEADER, String.class);
        // the path is the sender's text: only something shaped like a provider id reaches the log
        String providerId = provider != null ? provider.id() : named != null && named.matches("[a-z0-9-]{1,64}") ? named : "(unrecognised)";
        LOG.info("Refused webhook: provider={} status={} error={} reason={}", providerId, refusal.status(), refusal.code(), refusal.getMessage());
        JsonAnswers.refuse(exchange, refusal);
    }
}
