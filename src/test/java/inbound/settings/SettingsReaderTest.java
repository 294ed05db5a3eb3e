package inbound.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Each kind of bad setting, and several of them named in one refusal. */
class SettingsReaderTest {

    private static SettingsReader reader(Map<String, String> properties) {
        return new SettingsReader(key -> Optional.ofNullable(properties.get(key)));
    }

    private record Window(Duration linger, Duration maxWait) {
        Window {
            if (maxWait.compareTo(linger) < 0) {
                throw new IllegalArgumentException("inbound.test.max-wait-ms must not be shorter than inbound.test.linger-ms");
            }
        }
    }

    @Test
    void shouldReadTypedValues() {
        SettingsReader settings = reader(Map.of(
                "inbound.test.name", "events.fifo",
                "inbound.test.count", "8",
                "inbound.test.percent", "85",
                "inbound.test.timeout-ms", "2000",
                "inbound.test.idle-seconds", "60",
                "inbound.test.enabled", "TRUE",
                "inbound.test.endpoint", "http://localhost:9324"));

        assertThat(settings.text("inbound.test.name")).isEqualTo("events.fifo");
        assertThat(settings.integer("inbound.test.count", 1, 64)).isEqualTo(8);
        assertThat(settings.percent("inbound.test.percent")).isEqualTo(85);
        assertThat(settings.millis("inbound.test.timeout-ms", 1)).isEqualTo(Duration.ofSeconds(2));
        assertThat(settings.seconds("inbound.test.idle-seconds", 1)).isEqualTo(Duration.ofMinutes(1));
        assertThat(settings.flag("inbound.test.enabled")).isTrue();
        assertThat(settings.optionalUri("inbound.test.endpoint")).contains(URI.create("http://localhost:9324"));
        assertThat(settings.optionalUri("inbound.test.unset")).isEmpty();
        assertThat(settings.optionalNumber("inbound.test.unset", 1)).isEqualTo(OptionalLong.empty());
        settings.requireValid();
    }

    @Test
    void shouldNameEveryBadSettingInOneRefusal() {
        SettingsReader settings = reader(Map.of(
                "inbound.test.count", "lots",
                "inbound.test.percent", "150",
                "inbound.test.timeout-ms", "-1",
                "inbound.test.enabled", "yes",
                "inbound.test.endpoint", "localhost:9324",
                "inbound.test.max-bytes", "0"));

        settings.text("inbound.test.name");
        settings.integer("inbound.test.count", 1, 64);
        settings.percent("inbound.test.percent");
        settings.millis("inbound.test.timeout-ms", 0);
        settings.flag("inbound.test.enabled");
        settings.optionalUri("inbound.test.endpoint");
        settings.optionalNumber("inbound.test.max-bytes", 1);

        assertThatThrownBy(settings::requireValid).isInstanceOfSatisfying(InvalidSettings.class, invalid -> {
            assertThat(invalid.problems()).containsExactly(
                    "inbound.test.name (INBOUND_TEST_NAME) must be set",
                    "inbound.test.count (INBOUND_TEST_COUNT) must be a whole number, was 'lots'",
                    "inbound.test.percent (INBOUND_TEST_PERCENT) must be from 1 to 100, was 150",
                    "inbound.test.timeout-ms (INBOUND_TEST_TIMEOUT_MS) must be at least 0, was -1",
                    "inbound.test.enabled (INBOUND_TEST_ENABLED) must be true or false, was 'yes'",
                    "inbound.test.endpoint (INBOUND_TEST_ENDPOINT) must be an absolute URI such as http://localhost:9324, was 'localhost:9324'",
                    "inbound.test.max-bytes (INBOUND_TEST_MAX_BYTES) must be at least 1, was 0");
            assertThat(invalid.getMessage()).startsWith("7 settings are wrong")
                    .contains("\n  - inbound.test.name (INBOUND_TEST_NAME) must be set\n  - inbound.test.count");
        });
    }

    @Test
    void shouldNoteWhatARecordRefusesWhenItsValuesWereGood() {
        SettingsReader settings = reader(Map.of("inbound.test.linger-ms", "50", "inbound.test.max-wait-ms", "10"));

        Window window = settings.build(() -> new Window(settings.millis("inbound.test.linger-ms", 0), settings.millis("inbound.test.max-wait-ms", 0)));

        assertThat(window).isNull();
        assertThatThrownBy(settings::requireValid).isInstanceOfSatisfying(InvalidSettings.class, invalid ->
                assertThat(invalid.problems()).containsExactly("inbound.test.max-wait-ms must not be shorter than inbound.test.linger-ms"));
    }

    @Test
    void shouldNotBlameARecordForAValueAlreadyNamed() {
        SettingsReader settings = reader(Map.of("inbound.test.linger-ms", "50", "inbound.test.max-wait-ms", "soon"));

        settings.build(() -> new Window(settings.millis("inbound.test.linger-ms", 0), settings.millis("inbound.test.max-wait-ms", 0)));

        assertThatThrownBy(settings::requireValid).isInstanceOfSatisfying(InvalidSettings.class, invalid ->
                assertThat(invalid.problems()).containsExactly("inbound.test.max-wait-ms (INBOUND_TEST_MAX_WAIT_MS) must be a whole number, was 'soon'"));
    }
}
