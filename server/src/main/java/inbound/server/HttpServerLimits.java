package inbound.server;

import inbound.settings.Settings;
import inbound.support.StopsWithContext;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;

/**
 * The HTTP server's limits (inbound.http.* in application.properties): idle connections closed, a
 * deadline for a request to arrive whole, and a bound on the webhooks worked on at once that leaves
 * worker threads to /health and the operator API.
 */
final class HttpServerLimits extends MainListenerSupport {

    /** Before the configuration: the HTTP server takes the Vert.x instance it finds in the registry when it is set up. */
    @Override
    public void beforeConfigure(BaseMainSupport main) {
        CamelContext context = main.getCamelContext();
        Settings settings = new Settings(context);
        int workerThreads = (int) settings.number("inbound.http.worker-threads");
        int maxConcurrentIngest = (int) settings.number("inbound.http.max-concurrent-ingest");
        if (maxConcurrentIngest < 1 || maxConcurrentIngest >= workerThreads) {
            throw new StartRefused("inbound.http.max-concurrent-ingest (" + maxConcurrentIngest + ") must be at least 1 and less than"
                    + " inbound.http.worker-threads (" + workerThreads + "), so that /health and the operator API keep threads of their own");
        }
        Vertx vertx = LimitedVertx.create(workerThreads, (int) settings.number("inbound.http.idle-timeout-seconds"));
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
        Settings settings = new Settings(context);
        int httpPort = (int) settings.number("inbound.http.port");
        try {
            context.addStartupListener(new RequestReadDeadline(httpPort, Duration.ofSeconds(settings.number("inbound.http.request-read-timeout-seconds"))));
            context.addStartupListener(new IngestConcurrencyLimit(httpPort, (int) settings.number("inbound.http.max-concurrent-ingest"),
                    (int) settings.number("inbound.ingest.retry-after-seconds")));
        } catch (Exception e) {
            throw new IllegalStateException("could not register the HTTP limits", e);
        }
    }
}
