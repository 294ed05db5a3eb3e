package inbound.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import inbound.settings.SettingsReader;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;

/**
 * How the embedded queue sends its stored messages again at start ({@link BacklogResend}): over
 * {@code lanes} calls at once, a chunk of at most {@code chunkMessages} messages or {@code chunkBytes} of
 * bodies between two checkpoints, saying how far it is every {@code progressLogInterval}.
 */
public record RestoreResendSettings(int lanes, int chunkMessages, long chunkBytes, Duration progressLogInterval) {

    static final String LANES = "inbound.embedded-queue.restore-lanes";
    static final String CHUNK_MESSAGES = "inbound.embedded-queue.restore-chunk-messages";
    static final String CHUNK_BYTES = "inbound.embedded-queue.restore-chunk-bytes";
    static final String PROGRESS_LOG_MS = "inbound.embedded-queue.restore-progress-log-ms";

    public RestoreResendSettings {
        if (lanes < 1 || chunkMessages < 1 || chunkBytes < 1 || progressLogInterval.isNegative()) {
            throw new IllegalArgumentException("the embedded queue's re-send needs at least one lane, message and byte per chunk"
                    + " (" + LANES + ", " + CHUNK_MESSAGES + ", " + CHUNK_BYTES + "), and a progress interval of 0 or more");
        }
    }

    public static RestoreResendSettings read(SettingsReader settings) {
        return settings.build(() -> new RestoreResendSettings(
                settings.integer(LANES, 1, Integer.MAX_VALUE),
                settings.integer(CHUNK_MESSAGES, 1, Integer.MAX_VALUE),
                settings.number(CHUNK_BYTES, 1),
                settings.millis(PROGRESS_LOG_MS, 0)));
    }

    /** The values of the application.properties Inbound ships, for what starts the embedded queue without a configuration (tests, tools). */
    public static RestoreResendSettings packaged() {
        Properties properties = new Properties();
        try (InputStream in = RestoreResendSettings.class.getResourceAsStream("/application.properties")) {
            if (in == null) {
                throw new IllegalStateException("application.properties is not on the class path");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read application.properties", e);
        }
        SettingsReader settings = new SettingsReader(key -> Optional.ofNullable(properties.getProperty(key)).map(String::trim));
        RestoreResendSettings packaged = read(settings);
        settings.requireValid();
        return packaged;
    }
}
