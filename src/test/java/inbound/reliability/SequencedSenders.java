package inbound.reliability;

import com.fasterxml.jackson.databind.ObjectMapper;
import inbound.testing.WebhookClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends every group's deliveries as its provider would: one at a time, in order, the next only after
 * the previous one was acknowledged, each retried (same delivery id) until it is answered 202, the
 * groups together at a steady total rate. Bounded: every delivery gives up after {@code giveUpAfter}.
 */
final class SequencedSenders implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration RETRY_PAUSE = Duration.ofMillis(200);

    private final ExecutorService threads;
    private final List<Future<?>> running = new ArrayList<>();

    private SequencedSenders(int groups) {
        this.threads = Executors.newFixedThreadPool(groups);
    }

    /** Starts sending; {@code ratePerSecond} is the total over all groups. */
    static SequencedSenders start(WebhookClient client, List<List<Delivery>> groups, double ratePerSecond, Duration giveUpAfter, Ledger ledger) {
        SequencedSenders senders = new SequencedSenders(groups.size());
        long intervalNanos = (long) (groups.size() * 1e9 / ratePerSecond);
        for (int g = 0; g < groups.size(); g++) {
            List<Delivery> group = groups.get(g);
            // spread the groups' first sends over one interval
            long firstAt = System.nanoTime() + intervalNanos * g / groups.size();
            senders.running.add(senders.threads.submit(() -> sendInOrder(client, group, firstAt, intervalNanos, giveUpAfter, ledger)));
        }
        return senders;
    }

    /** Whether every group has sent all its deliveries (or given up on one). */
    boolean finished() {
        return running.stream().allMatch(Future::isDone);
    }

    private static void sendInOrder(WebhookClient client, List<Delivery> group, long firstAt, long intervalNanos, Duration giveUpAfter, Ledger ledger) {
        long next = firstAt;
        for (Delivery delivery : group) {
            // pacing the load, not waiting for a condition
            LockSupport.parkNanos(next - System.nanoTime());
            if (!sendUntilAcknowledged(client, delivery, giveUpAfter, ledger)) {
                return;
            }
            next = Math.max(next + intervalNanos, System.nanoTime());
        }
    }

    private static boolean sendUntilAcknowledged(WebhookClient client, Delivery delivery, Duration giveUpAfter, Ledger ledger) {
        long giveUpAt = System.nanoTime() + giveUpAfter.toNanos();
        byte[] body = Harness.body(delivery);
        while (System.nanoTime() < giveUpAt && !Thread.currentThread().isInterrupted()) {
            long sentAt = System.nanoTime();
            try {
                HttpResponse<String> response = client.post(delivery.provider(), body, Harness.headers(delivery, body));
                ledger.took(Duration.ofNanos(System.nanoTime() - sentAt));
                if (response.statusCode() == 202) {
                    ledger.acknowledged(delivery, JSON.readTree(response.body()).path("id").asText());
                    return true;
                }
                ledger.answered(response.statusCode() + " " + JSON.readTree(response.body()).path("error").asText());
            } catch (UncheckedIOException | IOException notAnswered) {
                ledger.took(Duration.ofNanos(System.nanoTime() - sentAt));
                ledger.answered(Ledger.NO_ANSWER);
            }
            LockSupport.parkNanos(RETRY_PAUSE.toNanos());
        }
        return false;
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
