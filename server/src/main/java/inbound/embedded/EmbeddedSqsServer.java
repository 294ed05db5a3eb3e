package inbound.embedded;

import inbound.queue.QueueSettings;
import inbound.queue.SqsClientFactory;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import inbound.store.H2Checkpoint;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.elasticmq.server.config.ElasticMQServerConfig;
import org.h2.jdbcx.JdbcDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.GetQueueUrlRequest;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/**
 * The SQS-compatible server (ElasticMQ) that Inbound starts when no SQS endpoint is configured.
 * It holds the FIFO queue and its FIFO dead-letter queue, and keeps messages in an H2 file under
 * the data directory.
 *
 * <p>Durability: ElasticMQ answers SendMessage only after its persistence actor committed the row,
 * but H2 writes commits to its file in the background (up to 500 ms later), so a {@code kill -9}
 * right after the queue's answer could lose the message. Making every commit write the file
 * ({@code WRITE_DELAY=0}) would serialise the queue on one file write per send, receive and delete;
 * instead the server shape writes once per batch of sends, before any 202, with
 * {@link inbound.store.H2Checkpoint} on {@link #databaseUrl}. (It survives a killed process, not a power
 * cut: H2 does not fsync.)
 *
 * <p>Order: ElasticMQ restores stored messages as non-FIFO ones; Inbound takes them out before it starts
 * and sends them again, in their order, before the endpoint opens ({@link RestoreBacklog}).
 *
 * <p>ElasticMQ keeps one database connection pool per JVM, so one JVM runs one embedded server.
 */
public final class EmbeddedSqsServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedSqsServer.class);
    private static final int INLINE_BLOB_BYTES = 65_536;
    /** The embedded server answers for any region; its clients name one because the SDK wants one. */
    private static final String ANY_REGION = "us-east-1";

    private final ElasticMqInstance elasticMq;
    private final ElasticMqInstance.Endpoint sqsEndpoint;
    private final URI endpoint;

    private EmbeddedSqsServer(ElasticMqInstance elasticMq, ElasticMqInstance.Endpoint sqsEndpoint, URI endpoint) {
        this.elasticMq = elasticMq;
        this.sqsEndpoint = sqsEndpoint;
        this.endpoint = endpoint;
    }

    /** Starts the server, re-sending stored messages as the packaged application.properties says (tests, tools). */
    public static EmbeddedSqsServer start(String host, int port, Path dataDir, QueueSettings queues, Duration readyTimeout) {
        return start(host, port, dataDir, queues, RestoreResendSettings.packaged(), readyTimeout);
    }

    /** Starts the server and returns once both queues answer (after it has sent its stored messages again, see {@link RestoreBacklog}). */
    public static EmbeddedSqsServer start(String host, int port, Path dataDir, QueueSettings queues, RestoreResendSettings resend,
            Duration readyTimeout) {
        EmbeddedQueueFileCheck.requireReadable(databaseUrl(dataDir), databaseFile(dataDir), readyTimeout);
        Config config = ConfigFactory.parseMap(Map.of(
                        "node-address.protocol", "http",
                        "node-address.host", host,
                        "node-address.port", port,
                        "node-address.context-path", "",
                        "generate-node-address", false,
                        "rest-sqs.enabled", true,
                        "rest-sqs.bind-hostname", host,
                        "rest-sqs.bind-port", port,
                        "rest-sqs.sqs-limits", "strict"))
                .withValue("messages-storage", ConfigValueFactory.fromMap(Map.of(
                        "enabled", true,
                        "driver-class", "org.h2.Driver",
                        "uri", databaseUrl(dataDir),
                        "username", "",
                        "password", "",
                        "prune-data-on-init", false)))
                .withValue("queues-storage", ConfigValueFactory.fromMap(Map.of("enabled", false, "path", "")))
                .withValue("queues", ConfigValueFactory.fromMap(Map.of(
                        queues.deadLetterQueueName(), Map.of("fifo", true),
                        queues.queueName(), Map.of(
                                "fifo", true,
                                "contentBasedDeduplication", false,
                                "deadLettersQueue", Map.of(
                                        "name", queues.deadLetterQueueName(),
                                        "maxReceiveCount", queues.redriveMaxReceiveCount())))))
                .withFallback(ConfigFactory.load())
                .resolve();
        ElasticMqInstance elasticMq = startRestoringFifo(new ElasticMQServerConfig(config), databaseUrl(dataDir), queues, resend, readyTimeout);
        ElasticMqInstance.Endpoint sqsEndpoint;
        try {
            sqsEndpoint = elasticMq.openConfiguredEndpoint();
        } catch (RuntimeException e) {
            elasticMq.close();
            throw e;
        }
        URI endpoint = URI.create("http://" + host + ":" + port);
        EmbeddedSqsServer server = new EmbeddedSqsServer(elasticMq, sqsEndpoint, endpoint);
        server.awaitQueues(queues, readyTimeout);
        LOG.info("Embedded SQS server (ElasticMQ) on {} keeping messages under {}", endpoint, databaseFile(dataDir).getParent());
        return server;
    }

    /**
     * The H2 database ElasticMQ keeps its messages in, under {@code dataDir}. ElasticMQ keeps bodies and
     * attributes in BLOB columns; H2 stores a BLOB over 256 bytes apart from its row and cleans it up
     * after the delete on a single thread that refuses work while busy, with an exception each time
     * (profiled: a tenth of what the queue allocated under load). Webhook bodies are a few KB: kept
     * in their rows up to {@link #INLINE_BLOB_BYTES}.
     */
    public static String databaseUrl(Path dataDir) {
        return "jdbc:h2:file:" + databaseFile(dataDir) + ";MAX_LENGTH_INPLACE_LOB=" + INLINE_BLOB_BYTES;
    }

    private static Path databaseFile(Path dataDir) {
        return dataDir.toAbsolutePath().resolve("queue").resolve("elasticmq");
    }

    public URI endpoint() {
        return endpoint;
    }

    @Override
    public void close() {
        try {
            sqsEndpoint.close();
        } finally {
            elasticMq.close();
        }
    }

    /**
     * Starts ElasticMQ's queues with none of the stored messages for it to restore (see {@link RestoreBacklog}),
     * and sends those again through an endpoint on an ephemeral loopback port that no other client knows: the
     * configured endpoint opens only after, so nothing sent after the restart goes before them.
     */
    private static ElasticMqInstance startRestoringFifo(ElasticMQServerConfig config, String databaseUrl, QueueSettings queues,
            RestoreResendSettings resend, Duration timeout) {
        List<String> queueNames = List.of(queues.queueName(), queues.deadLetterQueueName());
        RestoreBacklog backlog = new RestoreBacklog(databaseUrl);
        long stored = backlog.takeOver(queueNames);
        ElasticMqInstance elasticMq = ElasticMqInstance.start(config, timeout);
        if (stored == 0) {
            return elasticMq;
        }
        JdbcDataSource queueDatabase = new JdbcDataSource();
        queueDatabase.setURL(databaseUrl);
        try (ElasticMqInstance.Endpoint restoring = elasticMq.openEndpoint("127.0.0.1", 0, null)) {
            new BacklogResend(backlog, new H2Checkpoint(queueDatabase, "the embedded queue"), resend).resend(restoring.uri(), queueNames);
            return elasticMq;
        } catch (RuntimeException e) {
            elasticMq.close();
            throw e;
        }
    }

    /** ElasticMQ returns from start() before it has restored its queues; wait until both answer. */
    private void awaitQueues(QueueSettings queues, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        try (SqsClient sqs = client(endpoint, Duration.ofSeconds(2))) {
            for (String name : new String[] {queues.deadLetterQueueName(), queues.queueName()}) {
                while (!exists(sqs, name)) {
                    if (Instant.now().isAfter(deadline)) {
                        close();
                        throw new IllegalStateException("embedded SQS server did not create queue " + name + " within " + timeout);
                    }
                    LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
                }
            }
        }
    }

    private static boolean exists(SqsClient sqs, String name) {
        try {
            sqs.getQueueUrl(GetQueueUrlRequest.builder().queueName(name).build());
            return true;
        } catch (QueueDoesNotExistException | SdkClientException notYet) {
            return false;
        }
    }

    /**
     * A client of the embedded server at {@code endpoint}. Its requests go unsigned: the server checks no
     * signature, signing costs the client a SHA-256 of every body, and the server's HTTP layer fails to
     * parse a SigV4 Authorization header as a standard one and builds an error trace for each request
     * (profiled: a fifth of what the embedded queue allocated under load).
     */
    public static SqsClient client(URI endpoint, Duration callTimeout) {
        return SqsClientFactory.builder(endpoint, ANY_REGION, callTimeout)
                .httpClientBuilder(httpClient(callTimeout))
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .build();
    }

    /** The server shape's HTTP client for SQS, embedded or not: many connections for the group-commit senders and the worker. */
    public static ApacheHttpClient.Builder httpClient(Duration callTimeout) {
        return ApacheHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(2))
                .socketTimeout(callTimeout)
                .maxConnections(64);
    }
}
