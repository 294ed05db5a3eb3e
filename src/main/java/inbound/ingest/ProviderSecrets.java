package inbound.ingest;

import inbound.provider.ProviderDefinition;
import inbound.support.ForgottenBeforeSnapshot;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Each provider's signing secrets, read on first use and kept: a comma-separated value so that an old
 * and a new secret are both accepted while a provider rotates. Held only as bytes and never printed.
 */
public final class ProviderSecrets implements ForgottenBeforeSnapshot {

    private final PerProvider<List<byte[]>> secrets;

    private ProviderSecrets(PerProvider<List<byte[]>> secrets) {
        this.secrets = secrets;
    }

    /** Reads each provider's secret property through {@code lookup} (the Camel properties, or Secrets Manager), when first needed. */
    public static ProviderSecrets load(Iterable<ProviderDefinition> providers, Function<String, Optional<String>> lookup) {
        return new ProviderSecrets(new PerProvider<>(providers,
                provider -> lookup.apply(provider.secretProperty()).map(ProviderSecrets::split).orElse(List.of())));
    }

    /** The provider's secrets; empty when none is configured, which refuses all its requests. */
    public List<byte[]> of(String providerId) {
        return secrets.of(providerId, List.of());
    }

    @Override
    public void forget() {
        secrets.forget();
    }

    private static List<byte[]> split(String value) {
        return Arrays.stream(value.split(","))
                .map(String::trim)
                .filter(secret -> !secret.isEmpty())
                .map(secret -> secret.getBytes(StandardCharsets.UTF_8))
                .collect(Collectors.toUnmodifiableList());
    }
}
