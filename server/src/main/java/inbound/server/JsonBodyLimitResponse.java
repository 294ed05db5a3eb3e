package inbound.server;

import inbound.ingest.IngestRefusals;
import inbound.support.Refusal;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;

/**
 * Vert.x refuses an over-limit body with 413 before the route runs (so the body is never read
 * whole); this gives that refusal the same JSON error shape as every other one.
 */
public final class JsonBodyLimitResponse extends OnceAtStart {

    private final int httpPort;
    private final long maxBodyBytes;

    public JsonBodyLimitResponse(int httpPort, long maxBodyBytes) {
        this.httpPort = httpPort;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    void started(CamelContext context) {
        Refusal refusal = IngestRefusals.bodyTooLarge(maxBodyBytes);
        VertxPlatformHttpRouter router = VertxPlatformHttpRouter.lookup(context, VertxPlatformHttpRouter.getRouterNameFromPort(httpPort));
        router.route("/webhooks/*").failureHandler(routing -> {
            if (routing.statusCode() == 413 && !routing.response().ended()) {
                VertxJsonError.end(routing.response(), refusal);
            } else {
                routing.next();
            }
        });
    }
}
