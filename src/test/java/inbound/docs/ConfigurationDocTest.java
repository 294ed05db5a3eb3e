package inbound.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Keeps docs/configuration.md in step with the properties files: every {@code inbound.*} key they set
 * has a row (key, environment variable, default, meaning), and the page names no key they do not
 * declare. A key without a default (a provider's secret, an {@code -arn} variant) is declared by
 * naming it in a comment of a properties file, as application.properties does for
 * {@code inbound.provider.<id>.secret}.
 */
class ConfigurationDocTest {

    private static final Path PAGE = Path.of("docs/configuration.md");
    private static final List<Path> PROPERTIES_FILES = List.of(
            Path.of("src/main/resources/application.properties"),
            Path.of("lambda/src/main/resources/lambda.properties"));
    /** A key as text: ends in a letter, digit or a placeholder's {@code >}, so a sentence's full stop is not part of it. */
    private static final Pattern KEY = Pattern.compile("inbound\\.[a-z0-9<>.-]*[a-z0-9>]");
    /** A documented key is a table row that starts with it and its environment variable. */
    private static final Pattern ROW = Pattern.compile("^\\| `(" + KEY.pattern() + ")` \\| `([^`]*)` \\|", Pattern.MULTILINE);

    @Test
    void everyKeyOfThePropertiesFilesHasARow() throws IOException {
        Set<String> missing = new TreeSet<>(keysSet());
        missing.removeAll(rows().keySet());

        assertThat(missing).as("keys set in %s without a row in %s", PROPERTIES_FILES, PAGE).isEmpty();
    }

    @Test
    void thePageNamesNoKeyThePropertiesFilesDoNotDeclare() throws IOException {
        Set<String> declared = new TreeSet<>(keysSet());
        declared.addAll(keysNamedInComments());
        Set<String> invented = new TreeSet<>(keysIn(Files.readString(PAGE)));
        invented.removeAll(declared);

        assertThat(invented).as("keys in %s that no properties file sets or names in a comment", PAGE).isEmpty();
    }

    @Test
    void everyRowGivesTheEnvironmentVariableOfItsKey() throws IOException {
        Map<String, String> wrong = new TreeMap<>();
        rows().forEach((key, variable) -> {
            if (!variable.equals(environmentVariable(key))) {
                wrong.put(key, variable + " (expected " + environmentVariable(key) + ")");
            }
        });

        assertThat(wrong).as("rows of %s whose environment variable is not their key's", PAGE).isEmpty();
    }

    @Test
    void theEnvironmentVariableIsTheKeyInUpperCaseWithUnderscores() {
        assertThat(environmentVariable("inbound.max-body-bytes")).isEqualTo("INBOUND_MAX_BODY_BYTES");
        assertThat(environmentVariable("inbound.provider.<id>.secret-arn")).isEqualTo("INBOUND_PROVIDER_<ID>_SECRET_ARN");
    }

    private static String environmentVariable(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    private static Map<String, String> rows() throws IOException {
        Map<String, String> rows = new TreeMap<>();
        Matcher row = ROW.matcher(Files.readString(PAGE));
        while (row.find()) {
            rows.put(row.group(1), row.group(2));
        }
        return rows;
    }

    private static Set<String> keysSet() throws IOException {
        Set<String> keys = new TreeSet<>();
        for (Path file : PROPERTIES_FILES) {
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
                properties.load(reader);
            }
            properties.stringPropertyNames().stream().filter(key -> key.startsWith("inbound.")).forEach(keys::add);
        }
        return keys;
    }

    private static Set<String> keysNamedInComments() throws IOException {
        Set<String> keys = new TreeSet<>();
        for (Path file : PROPERTIES_FILES) {
            String comments = Files.readAllLines(file, StandardCharsets.ISO_8859_1).stream()
                    .map(String::strip)
                    .filter(line -> line.startsWith("#"))
                    .collect(Collectors.joining("\n"));
            keys.addAll(keysIn(comments));
        }
        return keys;
    }

    private static Set<String> keysIn(String text) {
        return KEY.matcher(text).results().map(match -> match.group()).collect(Collectors.toCollection(TreeSet::new));
    }
}
