package inbound.server;

import inbound.embedded.EmbeddedQueueBacklog;
import inbound.embedded.EmbeddedQueueDurability;
import inbound.embedded.EmbeddedSqsServer;
import inbound.queue.QueueSettings;
import inbound.queue.SqsClientFactory;
import inbound.support.Flush;
import inbound.store.H2Checkpoint;
import inbound.wiring.QueueConnection;
import inbound.wiring.QueueConnector;
import inbound.settings.Settings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.apache.camel.CamelContext;
import org.h2.jdbcx.JdbcDataSource;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/**
 * The server shape's queue: the one at {@code inbound.sqs.endpoint} when it is set (Amazon SQS or any
 * SQS-compatible server), else the embedded server. For the embedded one, {@code queueFlush} makes what
 * it accepted survive a crash and checks that it is on file, and {@code queueBacklog} tells what it holds
 * in the heap; Amazon SQS needs neither.
 */
final class ServerQueue implements QueueConnector {

    @Override
    public QueueConnection connect(CamelContext context, Settings settings, QueueSettings queues) throws Exception {
        Optional<URI> configured = settings.optionalText("inbound.sqs.endpoint").map(URI::create);
        Duration callTimeout = Duration.ofMillis(settings.number("inbound.sqs.call-timeout-ms"));
        if (configured.isPresent()) {
            return new QueueConnection(SqsClientFactory.builder(configured.get(), settings.text("inbound.sqs.region"), callTimeout)
                    .httpClientBuilder(EmbeddedSqsServer.httpClient(callTimeout))
                    .credentialsProvider(DefaultCredentialsProvider.builder().build())
                    .build(), Flush.NONE);
        }
        URI embedded = URI.create("http://" + settings.text("inbound.sqs.host") + ":" + settings.number("inbound.sqs.port"));
        JdbcDataSource queueDatabase = new JdbcDataSource();
        queueDatabase.setURL(EmbeddedSqsServer.databaseUrl(Path.of(settings.text("inbound.data-dir"))));
        EmbeddedQueueDurability durability = new EmbeddedQueueDurability(
                new H2Checkpoint(queueDatabase, "the embedded queue"), queueDatabase, queues.queueName());
        context.addService(durability, true, true);
        EmbeddedQueueBacklog backlog = new EmbeddedQueueBacklog(queueDatabase, queues,
                Duration.ofMillis(settings.number("inbound.embedded-queue.backlog-refresh-ms")));
        context.addService(backlog, true, true);
        context.getRegistry().bind("queueBacklog", backlog);
        return new QueueConnection(EmbeddedSqsServer.client(embedded, callTimeout), durability);
    }
}
