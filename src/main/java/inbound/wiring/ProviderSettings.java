package inbound.wiring;

import inbound.settings.SettingsReader;

/**
 * Where the provider catalog is. What a provider must present (its secret, API key, public URL) is read
 * by the keys the catalog names, {@code inbound.provider.<id>.*}, as {@link ProviderBeans} needs them.
 */
public record ProviderSettings(String catalogLocation) {

    public static ProviderSettings read(SettingsReader settings) {
        return new ProviderSettings(settings.text("inbound.providers.file"));
    }
}
