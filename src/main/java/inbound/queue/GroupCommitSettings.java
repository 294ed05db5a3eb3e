package inbound.queue;

import inbound.settings.SettingsReader;
import java.time.Duration;

/**
 * How the queue writer groups requests: a batch is sent when it has ten entries, or {@code maxBatchBytes},
 * or {@code linger} after its first; {@code senders} batches are in flight at most; a request that has
 * waited longer than {@code maxWait} for its turn to be sent is refused (503) instead — past that the queue is behind
 * and a provider's own timeout comes closer, so waiting longer only piles requests up in memory.
 */
public record GroupCommitSettings(Duration linger, int maxBatchBytes, int senders, Duration maxWait) {

    public static GroupCommitSettings read(SettingsReader settings) {
        return new GroupCommitSettings(
                settings.millis("inbound.ingest.batch-linger-ms", 0),
                settings.integer("inbound.ingest.batch-max-bytes", 1, Integer.MAX_VALUE),
                settings.integer("inbound.ingest.batch-senders", 1, Integer.MAX_VALUE),
                settings.millis("inbound.ingest.max-queue-wait-ms", 0));
    }
}
