package inbound.settings;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.camel.CamelContext;

/**
 * Reads {@code inbound.*} properties into typed values, once, at start-up. A value that is missing, not
 * of its type or out of its range is noted, not thrown, so that one {@link InvalidSettings} names every
 * bad setting at once ({@link #requireValid()}); until then a bad value reads as a stand-in (0, empty)
 * that nothing may use.
 */
public final class SettingsReader {

    private final Function<String, Optional<String>> properties;
    private final List<String> problems = new ArrayList<>();

    /** @param properties a property's value by its key, blank or unset as empty (see {@link #properties(CamelContext)}) */
    public SettingsReader(Function<String, Optional<String>> properties) {
        this.properties = properties;
    }

    public static SettingsReader of(CamelContext context) {
        return new SettingsReader(properties(context));
    }

    /** Reads one role's settings and checks them: {@code role} read with a reader of its own, then {@link #requireValid()}. */
    public static <T> T read(CamelContext context, Function<SettingsReader, T> role) {
        SettingsReader reader = of(context);
        T settings = role.apply(reader);
        reader.requireValid();
        return settings;
    }

    /**
     * The context's properties, trimmed, with a blank value as unset: for the keys named after something
     * only known at run time (a provider's secret), which no settings record declares.
     */
    public static Function<String, Optional<String>> properties(CamelContext context) {
        return key -> context.getPropertiesComponent().resolveProperty(key).map(String::trim).filter(value -> !value.isEmpty());
    }

    public Optional<String> optionalText(String key) {
        return properties.apply(key);
    }

    public String text(String key) {
        Optional<String> value = optionalText(key);
        if (value.isEmpty()) {
            problem(key, "must be set");
        }
        return value.orElse("");
    }

    /** {@code true} or {@code false}, in any case. */
    public boolean flag(String key) {
        String value = text(key);
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(value);
        }
        if (!value.isEmpty()) {
            problem(key, "must be true or false, was '" + value + "'");
        }
        return false;
    }

    public int integer(String key, int min, int max) {
        return (int) inRange(key, text(key), min, max);
    }

    public long number(String key, long min) {
        return inRange(key, text(key), min, Long.MAX_VALUE);
    }

    /** Empty when unset; else a number of at least {@code min}. */
    public OptionalLong optionalNumber(String key, long min) {
        return optionalText(key).map(value -> OptionalLong.of(inRange(key, value, min, Long.MAX_VALUE))).orElse(OptionalLong.empty());
    }

    /** A share from 1 to 100 %. */
    public int percent(String key) {
        return integer(key, 1, 100);
    }

    /** A key ending in {@code -ms}: at least {@code min} milliseconds. */
    public Duration millis(String key, long min) {
        return Duration.ofMillis(number(key, min));
    }

    /** A key ending in {@code -seconds}: at least {@code min} seconds. */
    public Duration seconds(String key, long min) {
        return Duration.ofSeconds(number(key, min));
    }

    /** Empty when unset; else an absolute URI, such as {@code http://localhost:9324}. */
    public Optional<URI> optionalUri(String key) {
        return optionalText(key).flatMap(value -> {
            try {
                URI uri = new URI(value);
                if (uri.isAbsolute() && uri.getHost() != null) {
                    return Optional.of(uri);
                }
            } catch (URISyntaxException notAUri) {
                // noted below
            }
            problem(key, "must be an absolute URI such as http://localhost:9324, was '" + value + "'");
            return Optional.empty();
        });
    }

    /**
     * A settings record built from values read in {@code build}, whose constructor checks how they fit
     * together: its refusal is noted as a problem, unless a value it was built from was already bad.
     */
    public <T> T build(Supplier<T> build) {
        int before = problems.size();
        try {
            return build.get();
        } catch (IllegalArgumentException refused) {
            if (problems.size() == before) {
                problems.add(refused.getMessage());
            }
            return null;
        }
    }

    /** Throws {@link InvalidSettings} naming every problem noted so far. */
    public void requireValid() {
        if (!problems.isEmpty()) {
            throw new InvalidSettings(problems);
        }
    }

    private long inRange(String key, String value, long min, long max) {
        if (value.isEmpty()) {
            return 0;
        }
        long number;
        try {
            number = Long.parseLong(value);
        } catch (NumberFormatException e) {
            problem(key, "must be a whole number, was '" + value + "'");
            return 0;
        }
        if (number < min || number > max) {
            problem(key, max == Long.MAX_VALUE || max == Integer.MAX_VALUE
                    ? "must be at least " + min + ", was " + number
                    : "must be from " + min + " to " + max + ", was " + number);
            return 0;
        }
        return number;
    }

    private void problem(String key, String problem) {
        problems.add(key + " (" + variable(key) + ") " + problem);
    }

    /** The environment variable that overrides {@code key}: upper case, dots and dashes as underscores. */
    static String variable(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }
}
