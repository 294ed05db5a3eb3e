package inbound.ingest;

import inbound.provider.ProviderDefinition;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Each provider's signing secrets, read once: a comma-separated value so that an old and a new
 * secret are both accepted while a provider rotates. Secrets are held only as bytes and never printed.
 */
public final class ProviderSecrets {

    private final Map<String, List<byte[]>> secretsByProvider;

    private ProviderSecrets(Map<String, List<byte[]>> secretsByProvider) {
        this.secretsByProvider = secretsByProvider;
    }

    /** Reads each provider's secret property through {@code lookup} (the Camel properties, which environment variables override). */
    public static ProviderSecrets load(Iterable<ProviderDefinition> providers, Function<String, Optional<String>> lookup) {
        Map<String, List<byte[]>> secrets = new java.util.HashMap<>();
        for (ProviderDefinition provider : providers) {
            secrets.put(provider.id(), lookup.apply(provider.secretProperty()).map(ProviderSecrets::split).orElse(List.of()));
        }
        return new ProviderSecrets(Map.copyOf(secrets));
    }

    /** The provider's secrets; empty when none is configured, which refuses all its requests. */
    public List<byte[]> of(String providerId) {
        return secretsByProvider.getOrDefault(providerId, List.of());
    }

    private static List<byte[]> split(String value) {
        return Arrays.stream(value.split(","))
                .map(String::trim)
                .filter(secret -> !secret.isEmpty())
                .map(secret -> secret.getBytes(StandardCharsets.UTF_8))
                .collect(Collectors.toUnmodifiableList());
    }
}
