package inbound.wiring;

import inbound.secrets.SecretValues;
import inbound.settings.SettingsReader;
import inbound.ingest.ApiKeyCheck;
import inbound.ingest.ProviderApiKeys;
import inbound.ingest.ProviderLookup;
import inbound.ingest.ProviderSecrets;
import inbound.ingest.SignatureHeadersCheck;
import inbound.provider.ProviderCatalog;
import inbound.provider.ProviderDefinition;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.List;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.ResourceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The provider catalog and what each provider must present: signing secrets and API keys. */
public class ProviderBeans implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(ProviderBeans.class);

    private final ProviderChecks checks;
    private final ProviderSettings settings;

    public ProviderBeans(ProviderChecks checks, ProviderSettings settings) {
        this.checks = checks;
        this.settings = settings;
    }

    @Override
    public void configure(CamelContext context) throws IOException {
        ProviderCatalog catalog = loadCatalog(context, settings);
        SecretValues secretValues = SecretValues.of(context);
        ProviderSecrets secrets = ProviderSecrets.load(catalog.all(), secretValues::value);
        ProviderApiKeys apiKeys = ProviderApiKeys.load(catalog.all(), secretValues::value);
        for (ProviderDefinition provider : checks == ProviderChecks.SIGNATURES ? catalog.all() : List.<ProviderDefinition>of()) {
            if (!secretValues.isSet(provider.secretProperty())) {
                LOG.warn("Provider '{}' has no signing secret ({} is not set): every request of it is refused with 401",
                        provider.id(), provider.secretVariable());
            } else {
                provider.signature().misconfiguration().ifPresent(problem ->
                        LOG.warn("Provider '{}': {}; every request of it is refused with 401", provider.id(), problem));
            }
        }
        Registry registry = context.getRegistry();
        registry.bind("providerCatalog", catalog);
        registry.bind("providerSecrets", secrets);
        registry.bind("providerLookup", new ProviderLookup(catalog));
        registry.bind("apiKeyCheck", new ApiKeyCheck(apiKeys));
        registry.bind("signatureHeadersCheck", new SignatureHeadersCheck());
    }

    /** The catalog {@code settings} name, read with the context's properties (a provider's public URL among them). */
    public static ProviderCatalog loadCatalog(CamelContext context, ProviderSettings settings) throws IOException {
        String location = settings.catalogLocation();
        try (InputStream yaml = ResourceHelper.resolveMandatoryResourceAsInputStream(context, location)) {
            return ProviderCatalog.read(yaml, location, Clock.systemUTC(), SettingsReader.properties(context));
        }
    }
}
