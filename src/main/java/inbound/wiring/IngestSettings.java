package inbound.wiring;

import inbound.queue.EmbeddedQueueBound;
import inbound.queue.GroupCommitSettings;
import inbound.settings.SettingsReader;

/**
 * What the ingest steps refuse and when: the heap share past which they shed load, the largest body and
 * queue message, the Retry-After of a 503, how requests share the queue's batches, and how much the
 * embedded queue may hold (used only where it runs).
 */
public record IngestSettings(int maxHeapPercentAfterGc, long maxBodyBytes, long maxMessageBytes, int retryAfterSeconds,
        GroupCommitSettings groupCommit, EmbeddedQueueBound embeddedQueueBound) {

    public static IngestSettings read(SettingsReader settings) {
        return new IngestSettings(
                settings.integer("inbound.ingest.max-heap-percent-after-gc", 0, 100),
                settings.number("inbound.max-body-bytes", 1),
                settings.number("inbound.queue.max-message-bytes", 1),
                settings.integer("inbound.ingest.retry-after-seconds", 0, Integer.MAX_VALUE),
                GroupCommitSettings.read(settings),
                embeddedQueueBound(settings));
    }

    private static EmbeddedQueueBound embeddedQueueBound(SettingsReader settings) {
        return settings.build(() -> EmbeddedQueueBound.of(
                settings.optionalNumber("inbound.embedded-queue.max-messages", 1),
                settings.optionalNumber("inbound.embedded-queue.max-bytes", 1),
                new EmbeddedQueueBound.HeapCost(Runtime.getRuntime().maxMemory(),
                        settings.integer("inbound.embedded-queue.heap-percent", 1, 90),
                        settings.number("inbound.embedded-queue.heap-bytes-per-message", 1),
                        settings.number("inbound.embedded-queue.heap-bytes-per-body-byte", 1)),
                settings.integer("inbound.embedded-queue.resume-percent", 1, 99)));
    }
}
