package inbound.ingest;

import inbound.provider.ProviderDefinition;
import inbound.support.ForgottenBeforeSnapshot;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A value each provider has, read on first use (it may come from Secrets Manager) and kept until a
 * snapshot makes it forget. The read is retried on the next use when it failed.
 */
final class PerProvider<T> implements ForgottenBeforeSnapshot {

    private final Map<String, ProviderDefinition> providers;
    private final Function<ProviderDefinition, T> read;
    private final Map<String, T> valueByProvider = new ConcurrentHashMap<>();

    PerProvider(Iterable<ProviderDefinition> providers, Function<ProviderDefinition, T> read) {
        Map<String, ProviderDefinition> byId = new HashMap<>();
        providers.forEach(provider -> byId.put(provider.id(), provider));
        this.providers = Map.copyOf(byId);
        this.read = read;
    }

    /** The provider's value, or {@code unknown} for a provider not in the catalog. */
    T of(String providerId, T unknown) {
        ProviderDefinition provider = providers.get(providerId);
        return provider == null ? unknown : valueByProvider.computeIfAbsent(providerId, id -> read.apply(provider));
    }

    @Override
    public void forget() {
        valueByProvider.clear();
    }
}
