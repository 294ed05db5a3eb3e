package inbound.ingest;

import inbound.provider.ProviderDefinition;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The API keys some deployments require of a provider's requests, on top of its signature: a shared
 * value the provider sends in a header or in the webhook URL. Read once, held only as bytes, never printed.
 */
public final class ProviderApiKeys {

    private final Map<String, byte[]> keyByProvider;

    private ProviderApiKeys(Map<String, byte[]> keyByProvider) {
        this.keyByProvider = keyByProvider;
    }

    /** Reads each provider's {@link ProviderDefinition#apiKeyProperty()} through {@code lookup}; unset means no key is required. */
    public static ProviderApiKeys load(Iterable<ProviderDefinition> providers, Function<String, Optional<String>> lookup) {
        Map<String, byte[]> keys = new HashMap<>();
        for (ProviderDefinition provider : providers) {
            lookup.apply(provider.apiKeyProperty())
                    .map(String::trim)
                    .filter(key -> !key.isEmpty())
                    .ifPresent(key -> keys.put(provider.id(), key.getBytes(StandardCharsets.UTF_8)));
        }
        return new ProviderApiKeys(Map.copyOf(keys));
    }

    public Optional<byte[]> of(String providerId) {
        return Optional.ofNullable(keyByProvider.get(providerId));
    }
}
