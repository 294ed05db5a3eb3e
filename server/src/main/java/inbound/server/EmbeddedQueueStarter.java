package inbound.server;

import inbound.embedded.EmbeddedQueueFileDamaged;
import inbound.embedded.EmbeddedSqsServer;
import inbound.queue.QueueSettings;
import inbound.embedded.RestoreResendSettings;
import inbound.settings.Settings;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.camel.CamelContext;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.support.service.ServiceSupport;

/**
 * Starts the embedded SQS-compatible server before any route starts, when no SQS endpoint is
 * configured (and the JVM's default charset is UTF-8), and stops it after the routes have stopped.
 */
public final class EmbeddedQueueStarter extends MainListenerSupport {

    /** Before the configuration opens the database or any connection: a refusal then leaves nothing behind. */
    @Override
    public void beforeConfigure(BaseMainSupport main) {
        if (embedded(new Settings(main.getCamelContext()))) {
            Utf8DefaultCharset.require(Charset.defaultCharset());
        }
    }

    @Override
    public void afterConfigure(BaseMainSupport main) {
        CamelContext context = main.getCamelContext();
        Settings settings = new Settings(context);
        if (!embedded(settings)) {
            return;
        }
        EmbeddedSqsServer server;
        try {
            server = EmbeddedSqsServer.start(
                    settings.text("inbound.sqs.host"),
                    (int) settings.number("inbound.sqs.port"),
                    Path.of(settings.text("inbound.data-dir")),
                    context.getRegistry().findSingleByType(QueueSettings.class),
                    new RestoreResendSettings(
                            (int) settings.number("inbound.embedded-queue.restore-lanes"),
                            (int) settings.number("inbound.embedded-queue.restore-chunk-messages"),
                            settings.number("inbound.embedded-queue.restore-chunk-bytes"),
                            Duration.ofMillis(settings.number("inbound.embedded-queue.restore-progress-log-ms"))),
                    Duration.ofSeconds(60));
        } catch (EmbeddedQueueFileDamaged damaged) {
            throw new StartRefused(damaged.getMessage());
        }
        try {
            context.addService(new ServiceSupport() {
                @Override
                protected void doStop() {
                    server.close();
                }
            }, true, true);
        } catch (Exception e) {
            server.close();
            throw new IllegalStateException("could not tie the embedded SQS server to the Camel context", e);
        }
    }

    private static boolean embedded(Settings settings) {
        return settings.optionalText("inbound.sqs.endpoint").isEmpty();
    }
}
