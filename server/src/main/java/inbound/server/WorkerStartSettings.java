package inbound.server;

import inbound.settings.SettingsReader;
import java.time.Duration;

/** Whether the server's worker consumes the queue, and how often it tries to while the queue does not answer at start. */
record WorkerStartSettings(boolean enabled, Duration retryDelay) {

    static WorkerStartSettings read(SettingsReader settings) {
        return new WorkerStartSettings(settings.flag("inbound.worker.enabled"), settings.millis("inbound.worker.start-retry-ms", 1));
    }
}
