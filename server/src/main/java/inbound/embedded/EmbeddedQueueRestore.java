package inbound.embedded;

import inbound.queue.QueueRestore;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How far the embedded queue's re-send of its stored messages is ({@link BacklogResend}), for the ingest
 * and replay guards and {@code /health}: the message groups that still have stored messages waiting, and
 * how many messages those are. A group leaves once its last stored message is on file in the queue again.
 * A re-send that failed holds its remaining groups until the next start, which sends them again.
 */
public final class EmbeddedQueueRestore implements QueueRestore {

    private final Set<String> waitingGroups = ConcurrentHashMap.newKeySet();
    private final AtomicLong remaining = new AtomicLong();
    private volatile boolean running;
    private volatile String failure;

    /**
     * Takes the groups and the count of what {@code backlog} holds; answers whether there is anything to send.
     * A begin after a restart of the queue in this process starts afresh: the backlog then holds again what an
     * earlier re-send had left.
     */
    boolean begin(RestoreBacklog backlog) {
        Set<String> groups = backlog.groups();
        waitingGroups.clear();
        failure = null;
        waitingGroups.addAll(groups);
        remaining.set(backlog.size());
        running = !groups.isEmpty();
        return running;
    }

    /** {@code messages} of the re-send are on file in the queue, and of {@code groups} none waits any more. */
    void queued(long messages, Collection<String> groups) {
        remaining.addAndGet(-messages);
        waitingGroups.removeAll(groups);
    }

    void finished() {
        waitingGroups.clear();
        remaining.set(0);
        running = false;
    }

    void failed(String why) {
        failure = why;
    }

    @Override
    public boolean running() {
        return running;
    }

    @Override
    public boolean holds(String groupId) {
        return running && waitingGroups.contains(groupId);
    }

    @Override
    public long remaining() {
        return remaining.get();
    }

    /** Why the re-send stopped before its end, if it did: the messages left stay on file, and a restart sends them. */
    public Optional<String> failure() {
        return Optional.ofNullable(failure);
    }
}
