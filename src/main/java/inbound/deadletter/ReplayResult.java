package inbound.deadletter;

/** What a replay did: how many dead letters matched its filter and how many went back to the queue. */
public record ReplayResult(int matched, int moved, boolean dryRun) {
}
