package inbound.ingest;

import inbound.provider.ProviderCatalog;
import inbound.provider.ProviderDefinition;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** Finds the provider named in the request path; an unknown one is refused with 404. */
public final class ProviderLookup implements Processor {

    /** The header carrying the provider id: the path parameter of {@code /webhooks/{provider}}. */
    public static final String PROVIDER_HEADER = "provider";

    private final ProviderCatalog catalog;

    public ProviderLookup(ProviderCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public void process(Exchange exchange) {
        String id = exchange.getMessage().getHeader(PROVIDER_HEADER, String.class);
        ProviderDefinition provider = catalog.find(id).orElseThrow(() -> IngestRefusals.unknownProvider(id));
        exchange.setProperty(IngestProperties.PROVIDER, provider);
    }
}
