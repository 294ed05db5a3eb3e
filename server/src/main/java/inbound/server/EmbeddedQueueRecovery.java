package inbound.server;

import inbound.embedded.EmbeddedQueueDurability;
import inbound.embedded.EmbeddedQueueRestore;
import inbound.embedded.EmbeddedSqsServer;
import inbound.queue.QueueSettings;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server shape's embedded queue, started again in this process when its persistence fails
 * ({@link EmbeddedQueueDurability}): ElasticMQ is stopped, what its file holds — everything acknowledged —
 * is taken over for a re-send as at a start, ElasticMQ starts on the same port, and its stored messages go
 * again in the background while ingest and replays hold back what could overtake them. Meanwhile events
 * are answered 503, so providers retry; a message the worker had in hand comes again, and is a duplicate
 * it skips if it was processed. A restart that fails leaves {@code /health} saying so: restart Inbound.
 */
final class EmbeddedQueueRecovery implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedQueueRecovery.class);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final EmbeddedQueueSettings queue;
    private final QueueSettings queues;
    private final EmbeddedQueueDurability durability;
    private final EmbeddedQueueRestore restore;
    private final ExecutorService restarts = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "embedded-queue-recovery");
        thread.setDaemon(true);
        return thread;
    });
    private EmbeddedSqsServer server;
    private boolean closed;

    private EmbeddedQueueRecovery(EmbeddedQueueSettings queue, QueueSettings queues, EmbeddedQueueDurability durability,
            EmbeddedQueueRestore restore, EmbeddedSqsServer server) {
        this.queue = queue;
        this.queues = queues;
        this.durability = durability;
        this.restore = restore;
        this.server = server;
    }

    /**
     * Starts the embedded queue with its stored messages taken out for their re-send ({@link #restoreInBackground}),
     * and starts it again whenever its persistence fails.
     */
    static EmbeddedQueueRecovery start(EmbeddedQueueSettings queue, QueueSettings queues, EmbeddedQueueDurability durability,
            EmbeddedQueueRestore restore) {
        EmbeddedQueueRecovery recovery = new EmbeddedQueueRecovery(queue, queues, durability, restore, startServer(queue, queues));
        durability.whenBroken(recovery::restartSoon);
        return recovery;
    }

    synchronized void restoreInBackground() {
        server.restoreInBackground(restore);
    }

    private static EmbeddedSqsServer startServer(EmbeddedQueueSettings queue, QueueSettings queues) {
        return EmbeddedSqsServer.startTakingEvents(queue.host(), queue.port(), queue.dataDir(), queues, queue.restore(), READY_TIMEOUT);
    }

    /** Not on the thread that found the failure: that is an ingest request, which answers 503 at once. */
    private void restartSoon() {
        restarts.execute(this::restart);
    }

    private synchronized void restart() {
        if (closed) {
            return;
        }
        LOG.warn("Starting the embedded queue again from its file, in this process");
        try {
            server.close();
            server = null;
            server = startServer(queue, queues);
            durability.prepareFile();
            server.restoreInBackground(restore);
            durability.recovered();
            LOG.info("The embedded queue runs again and keeps what it confirms; its stored messages are being queued again");
        } catch (RuntimeException e) {
            durability.unrecoverable("The embedded queue's persistence failed and it could not be started again (" + e.getMessage()
                    + "): restart Inbound (what was acknowledged is on file)");
            LOG.error("The embedded queue could not be started again: {}; restart Inbound", e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        restarts.shutdownNow();
        if (server != null) {
            server.close();
        }
    }
}
