package inbound.server;

import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.slf4j.LoggerFactory;
import routes.ConsoleRoute;
import routes.HealthRoute;
import routes.IngestErrorHandling;
import routes.IngestRoute;
import routes.MetricsRoute;
import routes.OperatorApiRoute;
import routes.OperatorErrorHandling;
import routes.OperatorHttpRoute;
import routes.ProcessingRoutes;
import routes.QueueConsumerRoute;
import routes.ReplayRoute;
import routes.RetentionRoute;
import routes.RetentionScheduleRoute;
import routes.WebhookHttpRoute;
import routes.WorkerErrorHandling;
import routes.WorkerRoute;

/** The server shape: one process with the HTTP entry point, the shared routes and, by default, the embedded queue. */
public final class InboundServer {

    private InboundServer() {
    }

    public static void main(String[] args) {
        try {
            create(new Properties()).run(args);
        } catch (Exception e) {
            Optional<StartRefused> refused = refusal(e);
            if (refused.isPresent()) {
                LoggerFactory.getLogger(InboundServer.class).error("Inbound will not start: {}", refused.get().getMessage());
            } else {
                LoggerFactory.getLogger(InboundServer.class).error("Inbound could not start: {}", e.getMessage(), e);
            }
            // the embedded queue's threads would keep a half-started process alive: end it
            System.exit(1);
        }
    }

    private static Optional<StartRefused> refusal(Throwable failure) {
        return Stream.iterate(failure, Objects::nonNull, Throwable::getCause)
                .filter(StartRefused.class::isInstance).map(StartRefused.class::cast).findFirst();
    }

    /** A configured, not yet started server; {@code overrides} take precedence over application.properties. */
    public static Main create(Properties overrides) {
        Main main = new Main();
        main.setOverrideProperties(overrides);
        main.configure().addConfiguration(new InboundConfiguration());
        main.configure().addRoutesBuilder(new IngestErrorHandling());
        main.configure().addRoutesBuilder(new IngestRoute());
        main.configure().addRoutesBuilder(new WebhookHttpRoute());
        main.configure().addRoutesBuilder(new HealthRoute());
        main.configure().addRoutesBuilder(new WorkerErrorHandling());
        main.configure().addRoutesBuilder(new WorkerRoute());
        main.configure().addRoutesBuilder(new ProcessingRoutes());
        main.configure().addRoutesBuilder(new ReplayRoute());
        main.configure().addRoutesBuilder(new OperatorErrorHandling());
        main.configure().addRoutesBuilder(new OperatorApiRoute());
        main.configure().addRoutesBuilder(new ConsoleRoute());
        main.configure().addRoutesBuilder(new OperatorHttpRoute());
        main.configure().addRoutesBuilder(new RetentionRoute());
        main.configure().addRoutesBuilder(new RetentionScheduleRoute());
        main.configure().addRoutesBuilder(new MetricsRoute());
        main.addMainListener(new SettingsAtStart());
        main.addMainListener(new EmbeddedQueueStarter());
        main.addMainListener(new HttpServerLimits());
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterConfigure(BaseMainSupport configured) {
                CamelContext context = configured.getCamelContext();
                ServerSettings settings = ServerSettings.of(context);
                int httpPort = settings.http().port();
                try {
                    context.addStartupListener(new JsonBodyLimitResponse(httpPort, settings.ingest().maxBodyBytes()));
                    // before RawFormBodies: both run first, in the order they were added
                    context.addStartupListener(new ContentTypeCheck(httpPort));
                    context.addStartupListener(new RawFormBodies(httpPort));
                    context.addStartupListener(new StartupBanner(settings.logFormat().console(System.out, StartupBanner.class), settings.http(),
                            settings.queueLocation()));
                    context.addStartupListener(new QueueConsumerStart(QueueConsumerRoute::new, settings.workerStart().retryDelay()));
                } catch (Exception e) {
                    throw new IllegalStateException("could not register start-up listeners", e);
                }
            }
        });
        return main;
    }
}
