package inbound.embedded;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * Cuts messages, each group's in its order, into SendMessageBatch calls to be made one after another, each
 * carrying at most one message of a group.
 *
 * <p>Why: ElasticMQ 1.7.1 hands the entries of one SendMessageBatch to its queue actor concurrently
 * ({@code BatchRequestsModule}: a future per entry), so two entries of one group can be stored, and
 * delivered, in either order. Calls one after another keep their order: each is answered only once its
 * entries are in the queue.
 */
final class ResendBatches {

    private ResendBatches() {
    }

    /**
     * The batches for {@code messages}: at most {@code maxEntries} entries and, but for a lone entry,
     * {@code maxChars} of {@code chars} each, every group's messages in the order given.
     */
    static <T> List<List<T>> of(List<T> messages, Function<T, String> group, ToIntFunction<T> chars, int maxEntries, int maxChars) {
        Map<String, Deque<T>> byGroup = new LinkedHashMap<>();
        for (T message : messages) {
            byGroup.computeIfAbsent(group.apply(message), ignored -> new ArrayDeque<>()).add(message);
        }
        List<List<T>> batches = new ArrayList<>();
        while (!byGroup.isEmpty()) {
            List<T> batch = new ArrayList<>();
            int batchChars = 0;
            for (Iterator<Deque<T>> groups = byGroup.values().iterator(); groups.hasNext() && batch.size() < maxEntries;) {
                Deque<T> waiting = groups.next();
                int size = chars.applyAsInt(waiting.peek());
                if (!batch.isEmpty() && batchChars + size > maxChars) {
                    break;
                }
                batch.add(waiting.poll());
                batchChars += size;
                if (waiting.isEmpty()) {
                    groups.remove();
                }
            }
            batches.add(batch);
        }
        return batches;
    }
}
