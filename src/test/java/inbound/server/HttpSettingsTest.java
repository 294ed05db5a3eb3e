package inbound.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import inbound.settings.InvalidSettings;
import inbound.settings.SettingsReader;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class HttpSettingsTest {

    private static Map<String, String> shipped() throws Exception {
        Properties properties = new Properties();
        try (InputStream in = HttpSettingsTest.class.getResourceAsStream("/application.properties")) {
            properties.load(in);
        }
        Map<String, String> values = new HashMap<>();
        properties.stringPropertyNames().forEach(key -> values.put(key, properties.getProperty(key).trim()));
        return values;
    }

    private static HttpSettings read(Map<String, String> values, long maxBodyBytes) {
        SettingsReader reader = new SettingsReader(key -> Optional.ofNullable(values.get(key)).filter(value -> !value.isEmpty()));
        HttpSettings settings = HttpSettings.read(reader, maxBodyBytes);
        reader.requireValid();
        return settings;
    }

    @Test
    void shouldLetOneOfTheLargestShippedBodiesInAtATimeByDefault() throws Exception {
        Map<String, String> shipped = shipped();
        long maxBodyBytes = Long.parseLong(shipped.get("inbound.max-body-bytes"));

        assertThat(read(shipped, maxBodyBytes).maxBodyBytesInFlight()).isEqualTo(maxBodyBytes);
    }

    @Test
    void shouldRefuseABoundOnTheBytesInFlightThatTheLargestBodyWouldPass() throws Exception {
        Map<String, String> values = shipped();
        values.put("inbound.http.max-body-bytes-in-flight", "1048575");

        assertThatThrownBy(() -> read(values, 1_048_576)).isInstanceOf(InvalidSettings.class)
                .hasMessageContaining("inbound.http.max-body-bytes-in-flight (1048575) must be at least inbound.max-body-bytes (1048576)");
    }
}
