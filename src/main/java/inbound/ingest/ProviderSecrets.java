package inbound.ingest;

import inbound.provider.ProviderDefinition;
import inbound.support.ForgottenBeforeSnapshot;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Each provider's signing secrets, read on first use and kept: a comma-separated value so that an old
 * and a new secret are both accepted while a provider rotates. Held only as bytes and never printed.
 */
public final class ProviderSecrets implements ForgottenBeforeSnapshot {

    private final Map<String, ProviderDefinition> providers;
    private final Function<String, Optional<String>> lookup;
    private final Map<String, List<byte[]>> secretsByProvider = new ConcurrentHashMap<>();

    private ProviderSecrets(Map<String, ProviderDefinition> providers, Function<String, Optional<String>> lookup) {
        this.providers = providers;
        this.lookup = lookup;
    }

    /** Reads each provider's secret property through {@code lookup} (the Camel properties, or Secrets Manager), when first needed. */
    public static ProviderSecrets load(Iterable<ProviderDefinition> providers, Function<String, Optional<String>> lookup) {
        Map<String, ProviderDefinition> byId = new HashMap<>();
        providers.forEach(provider -> byId.put(provider.id(), provider));
        return new ProviderSecrets(Map.copyOf(byId), lookup);
    }

    /** The provider's secrets; empty when none is configured, which refuses all its requests. */
    public List<byte[]> of(String providerId) {
        ProviderDefinition provider = providers.get(providerId);
        if (provider == null) {
            return List.of();
        }
        return secretsByProvider.computeIfAbsent(providerId,
                id -> lookup.apply(provider.secretProperty()).map(ProviderSecrets::split).orElse(List.of()));
    }

    @Override
    public void forget() {
        secretsByProvider.clear();
    }

    private static List<byte[]> split(String value) {
        return Arrays.stream(value.split(","))
                .map(String::trim)
                .filter(secret -> !secret.isEmpty())
                .map(secret -> secret.getBytes(StandardCharsets.UTF_8))
                .collect(Collectors.toUnmodifiableList());
    }
}
