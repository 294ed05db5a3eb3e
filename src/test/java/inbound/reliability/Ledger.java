package inbound.reliability;

import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the harness sent and what it was answered, attempt by attempt: the record the verdict is drawn
 * from, rather than the system's own word. An event counts as acknowledged once it was answered 202,
 * with the event id of that answer. Every attempt's time until its answer is kept too.
 */
final class Ledger {

    /** The answer of an attempt that got none (connection refused or reset, timed out). */
    static final String NO_ANSWER = "no answer";

    private final ConcurrentMap<Delivery, String> acknowledged = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, AtomicInteger> answers = new ConcurrentHashMap<>();
    private final AtomicInteger acknowledgedCount = new AtomicInteger();
    private final Queue<Duration> answerTimes = new ConcurrentLinkedQueue<>();

    /** How long an attempt took until its answer, or until it gave up on one. */
    void took(Duration time) {
        answerTimes.add(time);
    }

    Duration slowestAnswer() {
        return answerTimes.stream().max(Comparator.naturalOrder()).orElse(Duration.ZERO);
    }

    long answersSlowerThan(Duration bound) {
        return answerTimes.stream().filter(time -> time.compareTo(bound) > 0).count();
    }

    void answered(String answer) {
        answers.computeIfAbsent(answer, key -> new AtomicInteger()).incrementAndGet();
    }

    void acknowledged(Delivery delivery, String eventId) {
        answered("202");
        if (acknowledged.putIfAbsent(delivery, eventId) == null) {
            acknowledgedCount.incrementAndGet();
        }
    }

    int acknowledgedCount() {
        return acknowledgedCount.get();
    }

    Optional<String> eventId(Delivery delivery) {
        return Optional.ofNullable(acknowledged.get(delivery));
    }

    /** Every attempt's answer by status code (or {@link #NO_ANSWER}), in order of the code. */
    Map<String, Integer> answersByCode() {
        Map<String, Integer> byCode = new TreeMap<>();
        answers.forEach((code, count) -> byCode.put(code, count.get()));
        return byCode;
    }

    int attempts() {
        return answers.values().stream().mapToInt(AtomicInteger::get).sum();
    }
}
