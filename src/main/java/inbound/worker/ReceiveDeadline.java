package inbound.worker;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.Processor;

/**
 * Bounds a whole receive, not one attempt. Every message's visibility runs from the receive, but
 * camel-aws2-sqs begins to extend a message's only when its turn comes, and reckons from then: a
 * message started later than a fifth of the visibility timeout after its receive may lapse before its
 * first extension, and the queue hand it to another consumer while this one runs it (effects twice, or
 * a group out of order). So a message is started as it is within that fifth; until half the timeout,
 * only once its visibility was extended from now; after that, or when the extension is refused, it is
 * left, not extended, and comes again once its visibility lapses. A receiver that bounds its batch
 * itself (the worker function, by its invocation's time) sets {@link WorkerProperties#START_DEADLINE}
 * instead. The messages of one receive are handled one after another on the consumer's thread, which
 * is why the receive's start is kept per thread.
 */
public final class ReceiveDeadline implements Processor {

    /** Makes a received message invisible for the given time from now; false when the queue refused. */
    @FunctionalInterface
    public interface VisibilityExtension {
        boolean extend(Exchange message, Duration visibility);
    }

    private final ThreadLocal<Instant> startOfThisReceive = new ThreadLocal<>();
    private final Clock clock;
    private final Duration visibilityTimeout;
    private final VisibilityExtension extension;

    public ReceiveDeadline(Clock clock, Duration visibilityTimeout, VisibilityExtension extension) {
        this.clock = clock;
        this.visibilityTimeout = visibilityTimeout;
        this.extension = extension;
    }

    @Override
    public void process(Exchange exchange) {
        Instant now = clock.instant();
        if (exchange.getProperty(ExchangePropertyKey.BATCH_INDEX, 0, Integer.class) == 0) {
            startOfThisReceive.set(now);
        }
        Instant deadline = exchange.getProperty(WorkerProperties.START_DEADLINE, Instant.class);
        if (deadline != null) {
            if (now.isAfter(deadline)) {
                throw new LeftForNextReceive();
            }
            return;
        }
        Instant start = startOfThisReceive.get();
        Duration elapsed = Duration.between(start == null ? now : start, now);
        if (elapsed.compareTo(visibilityTimeout.dividedBy(5)) <= 0) {
            return;
        }
        if (elapsed.compareTo(visibilityTimeout.dividedBy(2)) > 0 || !extension.extend(exchange, visibilityTimeout)) {
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
