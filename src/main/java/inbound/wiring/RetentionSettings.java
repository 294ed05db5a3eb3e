package inbound.wiring;

import inbound.settings.SettingsReader;
import java.time.Duration;

/** How long processed events and their timelines are kept, and how many the purge forgets per transaction. */
public record RetentionSettings(Duration retention, int batchSize) {

    public static RetentionSettings read(SettingsReader settings) {
        return new RetentionSettings(
                Duration.ofDays(settings.integer("inbound.retention.days", 1, 36_500)),
                settings.integer("inbound.retention.batch-size", 1, 10_000));
    }
}
