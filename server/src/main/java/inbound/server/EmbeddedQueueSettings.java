package inbound.server;

import inbound.embedded.RestoreResendSettings;
import inbound.settings.SettingsReader;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The embedded SQS-compatible server: where it listens, the folder its file is in, how it sends its
 * stored messages again at start, and how often what it holds is counted.
 */
record EmbeddedQueueSettings(String host, int port, Path dataDir, RestoreResendSettings restore, Duration backlogRefresh) {

    static EmbeddedQueueSettings read(SettingsReader settings) {
        return new EmbeddedQueueSettings(
                settings.text("inbound.sqs.host"),
                settings.integer("inbound.sqs.port", 1, 65_535),
                Path.of(settings.text("inbound.data-dir")),
                RestoreResendSettings.read(settings),
                settings.millis("inbound.embedded-queue.backlog-refresh-ms", 1));
    }

    URI endpoint() {
        return URI.create("http://" + host + ":" + port);
    }
}
