package inbound.queue;

import inbound.store.Flush;
import inbound.store.FlushFailed;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import javax.sql.DataSource;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded queue's flush: writes its commits to the file ({@code checkpoint}), then checks that every
 * message the queue just confirmed is a row of ElasticMQ's message table.
 *
 * <p>Why: ElasticMQ 1.7.1's persistence actor knows its tables only from queue creation and restore.
 * After any exception inside it, its supervisor restarts it with none, and from then on every add,
 * update and delete is skipped and answered as done; and the message whose write failed stays in the
 * queue's memory, so a provider's retry is a deduplication hit answered at once. Either way a confirmed
 * message is not on file. This flush then fails (503, never 202), and the embedded queue's persistence
 * stays broken until Inbound restarts: the actor never finds its tables again, and ElasticMQ restores
 * from the file, which holds everything acknowledged. {@link #brokenReason} tells {@code /health}.
 *
 * <p>A deduplication hit on a message already processed and deleted names a message no longer on file:
 * the ids this process saw on file are remembered for ElasticMQ's deduplication interval, those on file
 * at start included.
 */
public final class EmbeddedQueueDurability extends ServiceSupport implements Flush {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedQueueDurability.class);
    /** ElasticMQ answers a deduplication hit for 5 minutes after a message's creation; a minute more for its clean-up's pace. */
    private static final Duration DEDUPLICATION_INTERVAL = Duration.ofMinutes(6);

    private record Seen(String messageId, long atNanos) {
    }

    private final Flush checkpoint;
    private final DataSource queueDatabase;
    private final String messageTable;
    private final LongSupplier nanoTime;
    private final AtomicReference<String> brokenReason = new AtomicReference<>();
    private final Set<String> seenOnFile = new HashSet<>();
    private final Deque<Seen> seenInOrder = new ArrayDeque<>();

    public EmbeddedQueueDurability(Flush checkpoint, DataSource queueDatabase, String queueName) {
        this(checkpoint, queueDatabase, queueName, System::nanoTime);
    }

    EmbeddedQueueDurability(Flush checkpoint, DataSource queueDatabase, String queueName, LongSupplier nanoTime) {
        this.checkpoint = checkpoint;
        this.queueDatabase = queueDatabase;
        this.messageTable = ElasticMqMessageTable.of(queueName);
        this.nanoTime = nanoTime;
    }

    /** Remembers the messages on file at start, which ElasticMQ restores: it may answer their deduplication ids. */
    @Override
    protected void doStart() {
        try (Connection connection = queueDatabase.getConnection()) {
            if (!connection.getMetaData().getTables(null, null, messageTable.toUpperCase(Locale.ROOT), null).next()) {
                return;
            }
            try (PreparedStatement select = connection.prepareStatement("SELECT message_id FROM " + messageTable + " WHERE created >= ?")) {
                select.setLong(1, System.currentTimeMillis() - DEDUPLICATION_INTERVAL.toMillis());
                List<String> restored = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        restored.add(rows.getString(1));
                    }
                }
                remember(restored);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the embedded queue's messages from its file: " + e.getMessage(), e);
        }
    }

    @Override
    public void flush() {
        checkpoint.flush();
    }

    @Override
    public void flushConfirmed(List<String> confirmedMessageIds) {
        checkpoint.flush();
        String broken = brokenReason.get();
        if (broken != null) {
            throw new FlushFailed(broken, null);
        }
        List<String> onFile = onFile(confirmedMessageIds);
        List<String> missing = new ArrayList<>(confirmedMessageIds);
        missing.removeAll(onFile);
        missing.removeIf(this::seenOnFile);
        if (!missing.isEmpty()) {
            String reason = "The embedded queue confirmed " + missing.size() + " message(s) it did not write to its file:"
                    + " its persistence (ElasticMQ) has failed; restart Inbound (what was acknowledged is on file)";
            if (brokenReason.compareAndSet(null, reason)) {
                LOG.error("{}. Events are refused (503) until then.", reason);
            }
            throw new FlushFailed(reason, null);
        }
        remember(onFile);
    }

    /** Why the embedded queue cannot keep what it accepts, once it cannot. */
    public Optional<String> brokenReason() {
        return Optional.ofNullable(brokenReason.get());
    }

    private List<String> onFile(List<String> messageIds) {
        if (messageIds.isEmpty()) {
            return List.of();
        }
        String placeholders = String.join(",", Collections.nCopies(messageIds.size(), "?"));
        try (Connection connection = queueDatabase.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT message_id FROM " + messageTable + " WHERE message_id IN (" + placeholders + ")")) {
            for (int i = 0; i < messageIds.size(); i++) {
                select.setString(i + 1, messageIds.get(i));
            }
            List<String> found = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    found.add(rows.getString(1));
                }
            }
            return found;
        } catch (SQLException e) {
            throw new FlushFailed("Could not check the embedded queue's file for what it confirmed: " + e.getMessage(), e);
        }
    }

    private synchronized boolean seenOnFile(String messageId) {
        return seenOnFile.contains(messageId);
    }

    private synchronized void remember(List<String> messageIds) {
        long now = nanoTime.getAsLong();
        while (!seenInOrder.isEmpty() && now - seenInOrder.peekFirst().atNanos() > DEDUPLICATION_INTERVAL.toNanos()) {
            seenOnFile.remove(seenInOrder.removeFirst().messageId());
        }
        for (String messageId : messageIds) {
            if (seenOnFile.add(messageId)) {
                seenInOrder.addLast(new Seen(messageId, now));
            }
        }
    }
}
