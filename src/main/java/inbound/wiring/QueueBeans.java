package inbound.wiring;

import inbound.queue.EmbeddedQueueBacklog;
import inbound.queue.EmbeddedQueueDurability;
import inbound.queue.EmbeddedSqsServer;
import inbound.queue.QueueSettings;
import inbound.queue.SqsClientFactory;
import inbound.store.Flush;
import inbound.store.H2Checkpoint;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.h2.jdbcx.JdbcDataSource;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The FIFO queue, its dead-letter queue and the one SQS client. With no {@code inbound.sqs.endpoint},
 * the server shape talks to its embedded server and the Lambda shape to the region's Amazon SQS.
 * {@code queueFlush} makes what the embedded server accepted survive a crash and checks that it is on file
 * (Amazon SQS needs nothing), and {@code queueBacklog} tells what the embedded server holds in the heap.
 */
public class QueueBeans implements CamelConfiguration {

    private final boolean inLambda;

    /** @param inLambda whether this is a Lambda function (no embedded queue, a client built for a fast start) */
    public QueueBeans(boolean inLambda) {
        this.inLambda = inLambda;
    }

    @Override
    public void configure(CamelContext context) throws Exception {
        Settings settings = new Settings(context);
        QueueSettings queues = new QueueSettings(
                settings.text("inbound.queue.name"), settings.text("inbound.dlq.name"), (int) settings.number("inbound.queue.max-receive-count"));
        Optional<URI> configured = settings.optionalText("inbound.sqs.endpoint").map(URI::create);
        String region = settings.text("inbound.sqs.region");
        Duration callTimeout = Duration.ofMillis(settings.number("inbound.sqs.call-timeout-ms"));
        SqsClient sqs;
        Flush flush = Flush.NONE;
        if (inLambda) {
            sqs = SqsClientFactory.createForLambda(configured.orElse(null), region, callTimeout);
        } else if (configured.isPresent()) {
            sqs = SqsClientFactory.create(configured.get(), false, region, callTimeout);
        } else {
            URI embedded = URI.create("http://" + settings.text("inbound.sqs.host") + ":" + settings.number("inbound.sqs.port"));
            sqs = SqsClientFactory.create(embedded, true, region, callTimeout);
            JdbcDataSource queueDatabase = new JdbcDataSource();
            queueDatabase.setURL(EmbeddedSqsServer.databaseUrl(Path.of(settings.text("inbound.data-dir"))));
            EmbeddedQueueDurability durability = new EmbeddedQueueDurability(
                    new H2Checkpoint(queueDatabase, "the embedded queue"), queueDatabase, queues.queueName());
            context.addService(durability, true, true);
            flush = durability;
            EmbeddedQueueBacklog backlog = new EmbeddedQueueBacklog(queueDatabase, queues,
                    Duration.ofMillis(settings.number("inbound.embedded-queue.backlog-refresh-ms")));
            context.addService(backlog, true, true);
            context.getRegistry().bind("queueBacklog", backlog);
        }
        context.getRegistry().bind("queueSettings", queues);
        context.getRegistry().bind("sqsClient", sqs);
        context.getRegistry().bind("queueFlush", flush);
        StopsWithContext.closeOnStop(context, sqs);
    }
}
