package inbound.server;

import inbound.settings.SettingsReader;
import java.time.Duration;

/** How long processed events and their timelines are kept, and how the purge forgets the older ones. */
record RetentionSettings(Duration retention, int batchSize, Duration purgeInterval) {

    static RetentionSettings read(SettingsReader settings) {
        return new RetentionSettings(
                Duration.ofDays(settings.integer("inbound.retention.days", 1, 36_500)),
                settings.integer("inbound.retention.batch-size", 1, 10_000),
                settings.millis("inbound.retention.purge-interval-ms", 1000));
    }
}
