package inbound.ingest;

import inbound.provider.ProviderDefinition;
import inbound.support.ForgottenBeforeSnapshot;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Function;

/**
 * The API keys some deployments require of a provider's requests, on top of its signature: a shared
 * value the provider sends in a header or in the webhook URL. Read on first use and kept, held only as
 * bytes, never printed.
 */
public final class ProviderApiKeys implements ForgottenBeforeSnapshot {

    private final PerProvider<Optional<byte[]>> keys;

    private ProviderApiKeys(PerProvider<Optional<byte[]>> keys) {
        this.keys = keys;
    }

    /** Reads each provider's {@link ProviderDefinition#apiKeyProperty()} through {@code lookup}; unset means no key is required. */
    public static ProviderApiKeys load(Iterable<ProviderDefinition> providers, Function<String, Optional<String>> lookup) {
        return new ProviderApiKeys(new PerProvider<>(providers, provider -> lookup.apply(provider.apiKeyProperty())
                .map(String::trim)
                .filter(key -> !key.isEmpty())
                .map(key -> key.getBytes(StandardCharsets.UTF_8))));
    }

    public Optional<byte[]> of(String providerId) {
        return keys.of(providerId, Optional.empty());
    }

    @Override
    public void forget() {
        keys.forget();
    }
}
