package inbound.embedded;

import inbound.queue.QueueWriteRejected;
import inbound.queue.QueueSettings;
import inbound.queue.QueueBacklog;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import javax.sql.DataSource;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the embedded queue (ElasticMQ 1.7.1) holds in the heap: every message of the queue and of its
 * dead-letter queue, and every message sent in the last five minutes (its FIFO deduplication history,
 * bodies included) even once deleted; and, after a restart, the stored messages it is still to be sent again.
 *
 * <p>The queued messages are counted in ElasticMQ's own tables, which it writes before it answers and
 * restores from at start — so the count is right after a restart, whoever sent or deleted — once per
 * {@code refreshInterval}, on a thread of its own (a scan of the tables: ~15 ms per 10,000 messages of 3 KB). The
 * history's deleted messages are not on file: Inbound counts what it sends itself, per second over five
 * minutes, and adds what of that is no longer queued. Sends between two scans are added at once.
 */
public final class EmbeddedQueueBacklog extends ServiceSupport implements QueueBacklog {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedQueueBacklog.class);

    /** ElasticMQ keeps a FIFO queue's sent messages this long for deduplication. */
    private static final Duration HISTORY = Duration.ofMinutes(5);
    private static final int HISTORY_SECONDS = (int) HISTORY.toSeconds();

    private record Scan(long messages, long bodyBytes, long recentMessages, long recentBodyBytes,
            long sentMessages, long sentBodyBytes) {
    }

    private final DataSource queueDatabase;
    private final List<String> messageTables;
    private final Duration refreshInterval;
    private final LongSupplier epochMillis;
    /** Sends per second of the last five minutes, by second of the clock modulo five minutes. */
    private final long[] sentMessagesPerSecond = new long[HISTORY_SECONDS];
    private final long[] sentBytesPerSecond = new long[HISTORY_SECONDS];
    private final long[] secondOfSlot = new long[HISTORY_SECONDS];
    private volatile Scan latest;
    private volatile String scanFailure;
    private ScheduledExecutorService scans;

    public EmbeddedQueueBacklog(DataSource queueDatabase, QueueSettings queues, Duration refreshInterval) {
        this(queueDatabase, queues, refreshInterval, System::currentTimeMillis);
    }

    EmbeddedQueueBacklog(DataSource queueDatabase, QueueSettings queues, Duration refreshInterval, LongSupplier epochMillis) {
        this.queueDatabase = queueDatabase;
        this.messageTables = List.of(ElasticMqMessageTable.of(queues.queueName()), ElasticMqMessageTable.of(queues.deadLetterQueueName()));
        this.refreshInterval = refreshInterval;
        this.epochMillis = epochMillis;
    }

    /** Scans on a thread of its own: a scan on a request's path held that request back (and the requests behind it). */
    @Override
    protected void doStart() {
        scans = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "embedded-queue-backlog");
            thread.setDaemon(true);
            return thread;
        });
        scans.scheduleWithFixedDelay(this::rescanLogged, 0, refreshInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    protected void doStop() {
        scans.shutdownNow();
    }

    private void rescanLogged() {
        try {
            rescan();
        } catch (QueueWriteRejected e) {
            LOG.warn("{}; new events are refused (503) until it can", e.getMessage());
        }
    }

    @Override
    public Held held() {
        Scan scan = latest;
        String failure = scanFailure;
        if (failure != null) {
            throw new QueueWriteRejected(failure);
        }
        if (scan == null) {
            scan = rescan();
        }
        long[] sent = sentInHistory();
        long deletedMessages = Math.max(0, scan.sentMessages() - scan.recentMessages());
        long deletedBytes = Math.max(0, scan.sentBodyBytes() - scan.recentBodyBytes());
        return new Held(scan.messages() + deletedMessages + Math.max(0, sent[0] - scan.sentMessages()),
                scan.bodyBytes() + deletedBytes + Math.max(0, sent[1] - scan.sentBodyBytes()));
    }

    @Override
    public synchronized void countSend(long bodyBytes) {
        int slot = slot(currentSecond());
        sentMessagesPerSecond[slot]++;
        sentBytesPerSecond[slot] += bodyBytes;
    }

    /** Counts the queued messages in the file now; the service does it every refresh interval. */
    synchronized Scan rescan() {
        long since = epochMillis.getAsLong() - HISTORY.toMillis();
        long[] sent = sentInHistory();
        long[] totals = new long[4];
        try (Connection connection = queueDatabase.getConnection()) {
            for (String table : messageTables) {
                if (!connection.getMetaData().getTables(null, null, table.toUpperCase(Locale.ROOT), null).next()) {
                    // ElasticMQ creates its tables with the queues: none yet, nothing queued
                    continue;
                }
                try (PreparedStatement select = connection.prepareStatement("SELECT COUNT(*), COALESCE(SUM(OCTET_LENGTH(content)), 0),"
                        + " COUNT(CASE WHEN created >= ? THEN 1 END), COALESCE(SUM(CASE WHEN created >= ? THEN OCTET_LENGTH(content) END), 0)"
                        + " FROM " + table)) {
                    select.setLong(1, since);
                    select.setLong(2, since);
                    try (ResultSet row = select.executeQuery()) {
                        row.next();
                        for (int column = 0; column < totals.length; column++) {
                            totals[column] += row.getLong(column + 1);
                        }
                    }
                }
            }
            // what a restart still sends again is on its way into the queue
            if (connection.getMetaData().getTables(null, null, RestoreBacklog.TABLE.toUpperCase(Locale.ROOT), null).next()) {
                try (PreparedStatement select = connection.prepareStatement("SELECT COUNT(*), COALESCE(SUM(OCTET_LENGTH(content)), 0) FROM "
                        + RestoreBacklog.TABLE); ResultSet row = select.executeQuery()) {
                    row.next();
                    totals[0] += row.getLong(1);
                    totals[1] += row.getLong(2);
                }
            }
        } catch (SQLException e) {
            scanFailure = "Could not count the embedded queue's messages in its file: " + e.getMessage();
            throw new QueueWriteRejected(scanFailure);
        }
        Scan scan = new Scan(totals[0], totals[1], totals[2], totals[3], sent[0], sent[1]);
        latest = scan;
        scanFailure = null;
        return scan;
    }

    /** Messages and bytes this process sent in the last five minutes. */
    private synchronized long[] sentInHistory() {
        long now = currentSecond();
        long[] sent = new long[2];
        for (int slot = 0; slot < HISTORY_SECONDS; slot++) {
            if (now - secondOfSlot[slot] < HISTORY_SECONDS) {
                sent[0] += sentMessagesPerSecond[slot];
                sent[1] += sentBytesPerSecond[slot];
            }
        }
        return sent;
    }

    /** The slot of {@code second}, emptied first if it last counted a second five minutes or more ago. */
    private int slot(long second) {
        int slot = (int) Math.floorMod(second, (long) HISTORY_SECONDS);
        if (secondOfSlot[slot] != second) {
            secondOfSlot[slot] = second;
            sentMessagesPerSecond[slot] = 0;
            sentBytesPerSecond[slot] = 0;
        }
        return slot;
    }

    private long currentSecond() {
        return epochMillis.getAsLong() / 1000;
    }
}
