package inbound.server;

import inbound.embedded.EmbeddedQueueDurability;
import inbound.embedded.EmbeddedQueueFileDamaged;
import inbound.embedded.EmbeddedQueueRestore;
import inbound.embedded.EmbeddedSqsServer;
import inbound.embedded.StoredPayloadSweep;
import java.nio.charset.Charset;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.support.service.ServiceSupport;
import org.h2.jdbcx.JdbcDataSource;

/**
 * Starts the embedded SQS-compatible server before any route starts, when no SQS endpoint is
 * configured (and the JVM's default charset is UTF-8), and stops it after the routes have stopped. Its
 * stored messages are sent again in the background, while the routes already run; it is started again
 * in this process when its persistence fails ({@link EmbeddedQueueRecovery}).
 */
public final class EmbeddedQueueStarter extends MainListenerSupport {

    /** Before the configuration opens the database or any connection: a refusal then leaves nothing behind. */
    @Override
    public void beforeConfigure(BaseMainSupport main) {
        if (ServerSettings.of(main.getCamelContext()).queueLocation() instanceof QueueLocation.Embedded) {
            Utf8DefaultCharset.require(Charset.defaultCharset());
        }
    }

    @Override
    public void afterConfigure(BaseMainSupport main) {
        CamelContext context = main.getCamelContext();
        ServerSettings settings = ServerSettings.of(context);
        if (!(settings.queueLocation() instanceof QueueLocation.Embedded embedded)) {
            return;
        }
        EmbeddedQueueSettings queue = embedded.queue();
        EmbeddedQueueRecovery embeddedQueue;
        try {
            embeddedQueue = EmbeddedQueueRecovery.start(queue, settings.queues(), context.getRegistry().findSingleByType(EmbeddedQueueDurability.class),
                    context.getRegistry().findSingleByType(EmbeddedQueueRestore.class));
        } catch (EmbeddedQueueFileDamaged damaged) {
            throw new StartRefused(damaged.getMessage());
        }
        JdbcDataSource queueDatabase = new JdbcDataSource();
        queueDatabase.setURL(EmbeddedSqsServer.databaseUrl(queue.dataDir()));
        StoredPayloadSweep.sweep(queueDatabase, List.of(settings.queues().queueName(), settings.queues().deadLetterQueueName()),
                settings.claimCheck().payloadFolder());
        // the ingest and replay guards hold back what could overtake the stored messages (the routes start after this)
        embeddedQueue.restoreInBackground();
        try {
            context.addService(new ServiceSupport() {
                @Override
                protected void doStop() {
                    embeddedQueue.close();
                }
            }, true, true);
        } catch (Exception e) {
            embeddedQueue.close();
            throw new IllegalStateException("could not tie the embedded SQS server to the Camel context", e);
        }
    }
}
