package inbound.ingest;

import inbound.provider.ProviderDefinition;
import inbound.support.ForgottenBeforeSnapshot;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The API keys some deployments require of a provider's requests, on top of its signature: a shared
 * value the provider sends in a header or in the webhook URL. Read on first use and kept, held only as
 * bytes, never printed.
 */
public final class ProviderApiKeys implements ForgottenBeforeSnapshot {

    private final Map<String, ProviderDefinition> providers;
    private final Function<String, Optional<String>> lookup;
    private final Map<String, Optional<byte[]>> keyByProvider = new ConcurrentHashMap<>();

    private ProviderApiKeys(Map<String, ProviderDefinition> providers, Function<String, Optional<String>> lookup) {
        this.providers = providers;
        this.lookup = lookup;
    }

    /** Reads each provider's {@link ProviderDefinition#apiKeyProperty()} through {@code lookup}; unset means no key is required. */
    public static ProviderApiKeys load(Iterable<ProviderDefinition> providers, Function<String, Optional<String>> lookup) {
        Map<String, ProviderDefinition> byId = new HashMap<>();
        providers.forEach(provider -> byId.put(provider.id(), provider));
        return new ProviderApiKeys(Map.copyOf(byId), lookup);
    }

    public Optional<byte[]> of(String providerId) {
        ProviderDefinition provider = providers.get(providerId);
        if (provider == null) {
            return Optional.empty();
        }
        return keyByProvider.computeIfAbsent(providerId, id -> lookup.apply(provider.apiKeyProperty())
                .map(String::trim)
                .filter(key -> !key.isEmpty())
                .map(key -> key.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public void forget() {
        keyByProvider.clear();
    }
}
