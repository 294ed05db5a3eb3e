package inbound.server;

import inbound.ingest.IngestRefusals;
import io.vertx.core.http.HttpServerRequest;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;

/**
 * A bound on what the webhooks worked on take at once, checked on the event loop when a webhook's headers
 * have arrived, before its body is read: one that does not fit is answered 503 queue_busy with Retry-After
 * at once, and what one took is given back however it ends (answered, refused, cut off, or abandoned by
 * its client).
 */
abstract class IngestAdmission extends OnceAtStart {

    private final int httpPort;
    private final int retryAfterSeconds;

    IngestAdmission(int httpPort, int retryAfterSeconds) {
        this.httpPort = httpPort;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    @Override
    final void started(CamelContext context) {
        VertxPlatformHttpRouter router = VertxPlatformHttpRouter.lookup(context, VertxPlatformHttpRouter.getRouterNameFromPort(httpPort));
        router.route("/webhooks/*").order(Integer.MIN_VALUE).handler(routing -> {
            long taken = take(routing.request());
            if (taken < 0) {
                VertxJsonError.end(routing.response(), IngestRefusals.overloaded(retryAfterSeconds));
                return;
            }
            routing.addEndHandler(ended -> giveBack(taken));
            routing.next();
        });
    }

    /** Takes what {@code request} needs from the bound: how much, to be given back, or -1 (and nothing taken) where it does not fit. */
    abstract long take(HttpServerRequest request);

    abstract void giveBack(long taken);
}
