package inbound.server;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.impl.VertxInternal;
import io.vertx.core.impl.VertxWrapper;
import java.util.concurrent.TimeUnit;

/**
 * The Vert.x instance Inbound's HTTP server runs on, found in the registry by camel-platform-http-vertx.
 * It sizes the worker pool that runs every request, and gives the HTTP server an idle timeout and a JSON
 * answer to requests it cannot parse ({@link MalformedRequestResponse}): camel-platform-http-vertx 4.17
 * builds its server and its {@link HttpServerOptions} itself, with no way to set either, so this sets
 * them where the server is created. (Vert.x's own wrapper class is in its impl package.)
 */
final class LimitedVertx extends VertxWrapper {

    private final int idleTimeoutSeconds;

    private LimitedVertx(VertxInternal delegate, int idleTimeoutSeconds) {
        super(delegate);
        this.idleTimeoutSeconds = idleTimeoutSeconds;
    }

    static Vertx create(int workerThreads, int idleTimeoutSeconds) {
        return new LimitedVertx((VertxInternal) Vertx.vertx(new VertxOptions().setWorkerPoolSize(workerThreads)), idleTimeoutSeconds);
    }

    @Override
    public HttpServer createHttpServer(HttpServerOptions options) {
        return super.createHttpServer(new HttpServerOptions(options).setIdleTimeout(idleTimeoutSeconds).setIdleTimeoutUnit(TimeUnit.SECONDS))
                .invalidRequestHandler(new MalformedRequestResponse());
    }
}
