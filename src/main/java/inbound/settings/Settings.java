package inbound.settings;

import java.util.Optional;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.PropertiesComponent;

/** Reads {@code inbound.*} properties, with a clear message naming the property when one is missing or wrong. */
public final class Settings {

    private final PropertiesComponent properties;

    public Settings(CamelContext context) {
        this.properties = context.getPropertiesComponent();
    }

    public Optional<String> optionalText(String key) {
        return properties.resolveProperty(key).map(String::trim).filter(value -> !value.isEmpty());
    }

    public String text(String key) {
        return optionalText(key).orElseThrow(() -> new IllegalArgumentException("property " + key + " must be set"));
    }

    public long number(String key) {
        String value = text(key);
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("property " + key + " must be a whole number, was '" + value + "'");
        }
    }
}
