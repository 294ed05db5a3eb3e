package inbound.server;

import inbound.ingest.IngestRefusals;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;

/**
 * Bounds the webhook requests worked on at once. Every request, /health and the operator API run on
 * one pool of worker threads, and a webhook holds its thread while the queue takes its write: with a
 * stalled queue, a flood of webhooks would take every thread, and /health and the operator API would
 * stop answering. Past the bound a webhook is answered 503 queue_busy with Retry-After at once, on the
 * event loop, before its body is read.
 */
final class IngestConcurrencyLimit extends OnceAtStart {

    private final int httpPort;
    private final int maxInFlight;
    private final int retryAfterSeconds;
    private final AtomicInteger inFlight = new AtomicInteger();

    IngestConcurrencyLimit(int httpPort, int maxInFlight, int retryAfterSeconds) {
        this.httpPort = httpPort;
        this.maxInFlight = maxInFlight;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    @Override
    void started(CamelContext context) {
        VertxPlatformHttpRouter router = VertxPlatformHttpRouter.lookup(context, VertxPlatformHttpRouter.getRouterNameFromPort(httpPort));
        router.route("/webhooks/*").order(Integer.MIN_VALUE).handler(routing -> {
            if (inFlight.incrementAndGet() > maxInFlight) {
                inFlight.decrementAndGet();
                VertxJsonError.end(routing.response(), IngestRefusals.overloaded(retryAfterSeconds));
                return;
            }
            routing.addEndHandler(ended -> inFlight.decrementAndGet());
            routing.next();
        });
    }
}
