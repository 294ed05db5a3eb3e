package inbound.worker;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.Processor;

/**
 * Bounds a whole receive, not one attempt: a message of a receive is started only within the first
 * fifth of the visibility timeout after the receive; the later ones are left, not extended, and come
 * again once their visibility lapses. Every message's visibility runs from the receive, but
 * camel-aws2-sqs begins to extend a message's only when its turn comes, and reckons from then: a
 * message started later than a fifth of the timeout may lapse before its first extension, and the
 * queue hand it to another consumer while this one runs it (effects twice, or a group out of order).
 * A receiver that bounds its batch itself (the worker function, by its invocation's time) sets
 * {@link WorkerProperties#START_DEADLINE} instead. The messages of one receive are handled one after
 * another on the consumer's thread, which is why the receive's start is kept per thread.
 */
public final class ReceiveDeadline implements Processor {

    private final ThreadLocal<Instant> startOfThisReceive = new ThreadLocal<>();
    private final Clock clock;
    private final Duration startWindow;

    public ReceiveDeadline(Clock clock, Duration visibilityTimeout) {
        this.clock = clock;
        this.startWindow = visibilityTimeout.dividedBy(5);
    }

    @Override
    public void process(Exchange exchange) {
        Instant now = clock.instant();
        if (exchange.getProperty(ExchangePropertyKey.BATCH_INDEX, 0, Integer.class) == 0) {
            startOfThisReceive.set(now);
        }
        Instant deadline = exchange.getProperty(WorkerProperties.START_DEADLINE, Instant.class);
        if (deadline == null) {
            Instant start = startOfThisReceive.get();
            deadline = (start == null ? now : start).plus(startWindow);
        }
        if (now.isAfter(deadline)) {
            throw new LeftForNextReceive();
        }
    }

    /** A message not started because its receive ran out of time; the queue delivers it again. */
    public static final class LeftForNextReceive extends RuntimeException {
        LeftForNextReceive() {
            super("left for the next receive: this receive ran past the time its messages stay invisible", null, false, false);
        }
    }
}
