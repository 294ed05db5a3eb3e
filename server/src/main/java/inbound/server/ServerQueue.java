package inbound.server;

import inbound.embedded.EmbeddedQueueBacklog;
import inbound.embedded.EmbeddedQueueDurability;
import inbound.embedded.EmbeddedQueueRestore;
import inbound.embedded.EmbeddedSqsServer;
import inbound.queue.QueueSettings;
import inbound.queue.SqsClientFactory;
import inbound.queue.SqsClientSettings;
import inbound.support.Flush;
import inbound.store.H2Checkpoint;
import inbound.wiring.QueueConnection;
import inbound.wiring.QueueConnector;
import org.apache.camel.CamelContext;
import org.h2.jdbcx.JdbcDataSource;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/**
 * The server shape's queue, where its {@link QueueLocation} says: a configured endpoint (Amazon SQS or
 * any SQS-compatible server), or the embedded server. For the embedded one, {@code queueFlush} makes what
 * it accepted survive a crash and checks that it is on file, {@code queueBacklog} tells what it holds in
 * the heap, and {@code queueRestore} how far a restart's re-send of its stored messages is; Amazon SQS
 * needs none of them. Which bodies are stored aside, {@link ClaimCheckSettings} says.
 */
final class ServerQueue implements QueueConnector {

    private final QueueLocation location;
    private final SqsClientSettings client;
    private final ClaimCheckSettings claimCheck;
    private final long maxMessageBytes;

    /** @param maxMessageBytes the queue's largest message: with a bucket and no threshold, a body that would not fit goes to the bucket */
    ServerQueue(QueueLocation location, SqsClientSettings client, ClaimCheckSettings claimCheck, long maxMessageBytes) {
        this.location = location;
        this.client = client;
        this.claimCheck = claimCheck;
        this.maxMessageBytes = maxMessageBytes;
    }

    @Override
    public QueueConnection connect(CamelContext context, QueueSettings queues) throws Exception {
        if (location instanceof QueueLocation.Configured configured) {
            return new QueueConnection(SqsClientFactory.builder(configured.endpoint(), client.region(), client.callTimeout())
                    .httpClientBuilder(EmbeddedSqsServer.httpClient(client.callTimeout()))
                    .credentialsProvider(DefaultCredentialsProvider.builder().build())
                    .build(), Flush.NONE, claimCheck.claimCheck(context, location, maxMessageBytes, client.region()));
        }
        EmbeddedQueueSettings embedded = ((QueueLocation.Embedded) location).queue();
        JdbcDataSource queueDatabase = new JdbcDataSource();
        queueDatabase.setURL(EmbeddedSqsServer.databaseUrl(embedded.dataDir()));
        EmbeddedQueueDurability durability = new EmbeddedQueueDurability(
                new H2Checkpoint(queueDatabase, "the embedded queue"), queueDatabase, queues.queueName());
        context.addService(durability, true, true);
        EmbeddedQueueBacklog backlog = new EmbeddedQueueBacklog(queueDatabase, queues, embedded.backlogRefresh());
        context.addService(backlog, true, true);
        context.getRegistry().bind("queueBacklog", backlog);
        return new QueueConnection(EmbeddedSqsServer.client(embedded.endpoint(), client.callTimeout()), durability,
                claimCheck.claimCheck(context, location, maxMessageBytes, client.region()), new EmbeddedQueueRestore());
    }
}
