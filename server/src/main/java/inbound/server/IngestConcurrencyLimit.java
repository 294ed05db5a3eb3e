package inbound.server;

import io.vertx.core.http.HttpServerRequest;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bounds the webhook requests worked on at once. Every request, /health and the operator API run on
 * one pool of worker threads, and a webhook holds its thread while the queue takes its write: with a
 * stalled queue, a flood of webhooks would take every thread, and /health and the operator API would
 * stop answering. Past the bound a webhook is answered 503 queue_busy with Retry-After at once, on the
 * event loop, before its body is read.
 */
final class IngestConcurrencyLimit extends IngestAdmission {

    private final int maxInFlight;
    private final AtomicInteger inFlight = new AtomicInteger();

    IngestConcurrencyLimit(int httpPort, int maxInFlight, int retryAfterSeconds) {
        super(httpPort, retryAfterSeconds);
        this.maxInFlight = maxInFlight;
    }

    @Override
    long take(HttpServerRequest request) {
        if (inFlight.incrementAndGet() > maxInFlight) {
            inFlight.decrementAndGet();
            return -1;
        }
        return 1;
    }

    @Override
    void giveBack(long taken) {
        inFlight.decrementAndGet();
    }
}
