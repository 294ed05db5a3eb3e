package inbound.server;

import inbound.support.StopsWithContext;
import io.vertx.core.Vertx;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;

/**
 * The HTTP server's limits (inbound.http.* in application.properties): idle connections closed, a
 * deadline for a request to arrive whole, a bound on the webhooks worked on at once that leaves
 * worker threads to /health and the operator API, and one on the bytes of their bodies held at once.
 */
final class HttpServerLimits extends MainListenerSupport {

    /** Before the configuration: the HTTP server takes the Vert.x instance it finds in the registry when it is set up. */
    @Override
    public void beforeConfigure(BaseMainSupport main) {
        CamelContext context = main.getCamelContext();
        HttpSettings http = ServerSettings.of(context).http();
        Vertx vertx = LimitedVertx.create(http.workerThreads(), http.idleTimeoutSeconds());
        context.getRegistry().bind("vertx", vertx);
        try {
            StopsWithContext.closeOnStop(context, () -> vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS));
        } catch (Exception e) {
            throw new IllegalStateException("could not tie the HTTP server's Vert.x to the Camel context", e);
        }
    }

    /** Registered before every other Vert.x handler: they run in the order they were added. */
    @Override
    public void afterConfigure(BaseMainSupport main) {
        CamelContext context = main.getCamelContext();
        ServerSettings settings = ServerSettings.of(context);
        HttpSettings http = settings.http();
        try {
            context.addStartupListener(new RequestReadDeadline(http.port(), http.requestReadTimeout()));
            context.addStartupListener(new IngestConcurrencyLimit(http.port(), http.maxConcurrentIngest(), settings.ingest().retryAfterSeconds()));
            // after the concurrency limit: a webhook it refuses takes nothing from the budget
            context.addStartupListener(new IngestBodyBudget(http.port(), http.maxBodyBytesInFlight(), settings.ingest().maxBodyBytes(),
                    settings.ingest().retryAfterSeconds()));
        } catch (Exception e) {
            throw new IllegalStateException("could not register the HTTP limits", e);
        }
    }
}
