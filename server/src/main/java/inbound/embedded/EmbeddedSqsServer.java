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
 * and sends them again, in their order ({@link RestoreBacklog}): before the endpoint opens ({@link #start}), or
 * behind it while Inbound refuses what could overtake them ({@link #startTakingEvents}, {@link #restoreInBackground}).
 *
 * <p>ElasticMQ keeps one database connection pool per JVM, so one JVM runs one embedded server.
 */
public final class EmbeddedSqsServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedSqsServer.class);
    private static final int INLINE_BLOB_BYTES = 65_536;
    /** The embedded server answers for any region; its clients name one because the SDK wants one. */
    private static final String ANY_REGION = "us-east-1";
    private static final String LOOPBACK = "127.0.0.1";

    private final ElasticMqInstance elasticMq;
    private final ElasticMqInstance.Endpoint sqsEndpoint;
    private final URI endpoint;
    private final Path dataDir;
    private final QueueSettings queues;
    private final RestoreResendSettings resend;
    private Thread restoring;
    private volatile boolean closing;

    private EmbeddedSqsServer(ElasticMqInstance elasticMq, ElasticMqInstance.Endpoint sqsEndpoint, URI endpoint, Path dataDir,
            QueueSettings queues, RestoreResendSettings resend) {
        this.elasticMq = elasticMq;
        this.sqsEndpoint = sqsEndpoint;
        this.endpoint = endpoint;
        this.dataDir = dataDir;
        this.queues = queues;
        this.resend = resend;
    }

    /** Starts the server, re-sending stored messages as the packaged application.properties says (tests, tools). */
    public static EmbeddedSqsServer start(String host, int port, Path dataDir, QueueSettings queues, Duration readyTimeout) {
        return start(host, port, dataDir, queues, RestoreResendSettings.packaged(), readyTimeout);
    }

    /**
     * Starts the server and returns once both queues answer, after it has sent its stored messages again (see
     * {@link RestoreBacklog}) through an endpoint on an ephemeral loopback port that no other client knows: the
     * configured endpoint opens only after, so nothing sent after the restart goes before them. For a queue
     * whose clients know nothing of a re-send (the queue in a process of its own).
     */
    public static EmbeddedSqsServer start(String host, int port, Path dataDir, QueueSettings queues, RestoreResendSettings resend,
            Duration readyTimeout) {
        ElasticMqInstance elasticMq = startWithBacklogTakenOver(host, port, dataDir, queues, readyTimeout);
        RestoreBacklog backlog = new RestoreBacklog(databaseUrl(dataDir));
        EmbeddedQueueRestore restore = new EmbeddedQueueRestore();
        if (restore.begin(backlog)) {
            try (ElasticMqInstance.Endpoint restoring = elasticMq.openEndpoint(LOOPBACK, 0, null)) {
                new BacklogResend(backlog, checkpoint(dataDir), resend).resend(restoring.uri(), resendOrder(queues), restore);
            } catch (RuntimeException e) {
                elasticMq.close();
                throw e;
            }
        }
        return open(elasticMq, host, port, dataDir, queues, resend, readyTimeout);
    }

    /**
     * Starts the server with its stored messages taken out for their re-send but not sent yet, and returns
     * once both queues answer: its caller sends them with {@link #restoreInBackground} once it refuses what
     * could overtake them (the embedded queue of Inbound's server shape).
     */
    public static EmbeddedSqsServer startTakingEvents(String host, int port, Path dataDir, QueueSettings queues, RestoreResendSettings resend,
            Duration readyTimeout) {
        return open(startWithBacklogTakenOver(host, port, dataDir, queues, readyTimeout), host, port, dataDir, queues, resend, readyTimeout);
    }

    /**
     * Sends the stored messages again on a thread of its own, telling {@code restore} how far it is: the dead-letter
     * queue's first (so that no dead letter a replay or the worker adds meanwhile goes before an earlier one of its
     * group), then the queue's, one group after another. A failure is logged and left in {@code restore}: what was
     * not sent stays on file, and the next start sends it.
     */
    public synchronized void restoreInBackground(EmbeddedQueueRestore restore) {
        RestoreBacklog backlog = new RestoreBacklog(databaseUrl(dataDir));
        if (!restore.begin(backlog)) {
            return;
        }
        restoring = new Thread(() -> {
            try {
                new BacklogResend(backlog, checkpoint(dataDir), resend).resend(endpoint, resendOrder(queues), restore);
            } catch (RuntimeException e) {
                if (!closing) {
                    restore.failed("the re-send of the stored messages stopped (" + e.getMessage() + "); those not sent stay on file, restart Inbound to send them");
                    LOG.error("The embedded queue's re-send of its stored messages stopped: {}; {} stay on file for the next start",
                            e.getMessage(), restore.remaining());
                }
            }
        }, "embedded-queue-restore");
        restoring.setDaemon(true);
        restoring.start();
    }

    private static List<String> resendOrder(QueueSettings queues) {
        return List.of(queues.deadLetterQueueName(), queues.queueName());
    }

    private static H2Checkpoint checkpoint(Path dataDir) {
        JdbcDataSource queueDatabase = new JdbcDataSource();
        queueDatabase.setURL(databaseUrl(dataDir));
        return new H2Checkpoint(queueDatabase, "the embedded queue");
    }

    /** Checks the file, moves its stored messages out for their re-send ({@link RestoreBacklog}) and starts ElasticMQ with nothing to restore. */
    private static ElasticMqInstance startWithBacklogTakenOver(String host, int port, Path dataDir, QueueSettings queues, Duration readyTimeout) {
        EmbeddedQueueFileCheck.requireReadable(databaseUrl(dataDir), databaseFile(dataDir), readyTimeout);
        new RestoreBacklog(databaseUrl(dataDir)).takeOver(List.of(queues.queueName(), queues.deadLetterQueueName()));
        return ElasticMqInstance.start(new ElasticMQServerConfig(config(host, port, dataDir, queues)), readyTimeout);
    }

    private static Config config(String host, int port, Path dataDir, QueueSettings queues) {
        return ConfigFactory.parseMap(Map.of(
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
    }

    /** Opens the configured endpoint and waits until both queues answer on it. */
    private static EmbeddedSqsServer open(ElasticMqInstance elasticMq, String host, int port, Path dataDir, QueueSettings queues,
            RestoreResendSettings resend, Duration readyTimeout) {
        ElasticMqInstance.Endpoint sqsEndpoint;
        try {
            sqsEndpoint = elasticMq.openConfiguredEndpoint();
        } catch (RuntimeException e) {
            elasticMq.close();
            throw e;
        }
        URI endpoint = URI.create("http://" + host + ":" + port);
        EmbeddedSqsServer server = new EmbeddedSqsServer(elasticMq, sqsEndpoint, endpoint, dataDir, queues, resend);
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
        stopRestoring();
        try {
            sqsEndpoint.close();
        } finally {
            elasticMq.close();
        }
    }

    /** A stop while the re-send runs ends it where it is: what it had not sent stays on file for the next start. */
    private synchronized void stopRestoring() {
        closing = true;
        if (restoring == null) {
            return;
        }
        restoring.interrupt();
        try {
            restoring.join(Duration.ofSeconds(30).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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

    /**
     * The server shape's HTTP client for SQS, embedded or not, and for the claim check's S3 bucket: many
     * connections for the group-commit senders and the worker.
     */
    public static ApacheHttpClient.Builder httpClient(Duration callTimeout) {
        return ApacheHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(2))
                .socketTimeout(callTimeout)
                .maxConnections(64);
    }
}
