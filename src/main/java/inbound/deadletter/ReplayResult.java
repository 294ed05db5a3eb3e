package inbound.deadletter;

/**
 * What a replay did: how many dead letters matched its filter and how many went back to the queue;
 * {@code complete} is false when it stopped at its time limit, so that more may match: run it again.
 */
public record ReplayResult(int matched, int moved, boolean dryRun, boolean complete) {
}
