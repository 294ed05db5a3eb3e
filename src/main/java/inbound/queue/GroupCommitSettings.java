package inbound.queue;

import java.time.Duration;

/**
 * How the queue writer groups requests: a batch is sent when it has ten entries, or {@code maxBatchBytes},
 * or {@code linger} after its first; {@code senders} batches are in flight at most; a request that has
 * waited longer than {@code maxWait} for its turn to be sent is refused (503) instead — past that the queue is behind
 * and a provider's own timeout comes closer, so waiting longer only piles requests up in memory.
 */
public record GroupCommitSettings(Duration linger, int maxBatchBytes, int senders, Duration maxWait) {
}
