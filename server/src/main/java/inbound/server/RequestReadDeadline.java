package inbound.server;

import inbound.support.Refusal;
import io.vertx.core.http.HttpClosedException;
import java.time.Duration;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;

/**
 * A request must have arrived whole within a deadline after its headers: a client that drips its body
 * in is never idle, so the idle timeout alone would let it hold its connection (and, once admitted,
 * its place among the webhooks in flight) for as long as it likes. It is answered 408 and cut off.
 */
final class RequestReadDeadline extends OnceAtStart {

    private final int httpPort;
    private final Duration deadline;

    RequestReadDeadline(int httpPort, Duration deadline) {
        this.httpPort = httpPort;
        this.deadline = deadline;
    }

    @Override
    void started(CamelContext context) {
        VertxPlatformHttpRouter router = VertxPlatformHttpRouter.lookup(context, VertxPlatformHttpRouter.getRouterNameFromPort(httpPort));
        router.route().order(Integer.MIN_VALUE).handler(routing -> {
            long timer = routing.vertx().setTimer(deadline.toMillis(), fired -> {
                if (routing.request().isEnded()) {
                    return;
                }
                if (routing.response().headWritten()) {
                    routing.request().connection().close();
                } else {
                    routing.response().putHeader("Connection", "close");
                    VertxJsonError.end(routing.response(), new Refusal(408, "request_timeout",
                                    "The request did not arrive whole within " + deadline.toSeconds() + " s."))
                            .onComplete(sent -> routing.request().connection().close());
                }
            });
            routing.addEndHandler(ended -> routing.vertx().cancelTimer(timer));
            routing.next();
        });
        // the body's reader fails once the connection is cut: there is no one left to answer
        router.route().order(Integer.MIN_VALUE).failureHandler(routing -> {
            if (!(routing.failure() instanceof HttpClosedException)) {
                routing.next();
            }
        });
    }
}
