package inbound.server;

import inbound.settings.SettingsReader;
import java.net.URI;

/**
 * Where the server shape's queue is, decided once from {@code inbound.sqs.endpoint}: at that endpoint
 * when it is set (Amazon SQS or any SQS-compatible server), else the embedded server Inbound starts.
 */
sealed interface QueueLocation {

    /** As the start-up banner shows it. */
    String describe();

    record Configured(URI endpoint) implements QueueLocation {

        @Override
        public String describe() {
            return endpoint.toString();
        }
    }

    record Embedded(EmbeddedQueueSettings queue) implements QueueLocation {

        @Override
        public String describe() {
            return queue.endpoint() + " (embedded)";
        }
    }

    static QueueLocation read(SettingsReader settings) {
        if (settings.optionalText("inbound.sqs.endpoint").isPresent()) {
            return new Configured(settings.optionalUri("inbound.sqs.endpoint").orElse(null));
        }
        return new Embedded(EmbeddedQueueSettings.read(settings));
    }
}
