package inbound.embedded;

import inbound.support.Flush;
import inbound.support.FlushFailed;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded queue's flush: writes its commits to the file ({@code checkpoint}), then checks that every
 * message the queue just confirmed was written to ElasticMQ's message table.
 *
 * <p>Why: ElasticMQ 1.7.1's persistence actor knows its tables only from queue creation and restore.
 * After any exception inside it, its supervisor restarts it with none, and from then on every add,
 * update and delete is skipped and answered as done; and the message whose write failed stays in the
 * queue's memory, so a provider's retry is a deduplication hit answered at once. Either way a confirmed
 * message is not on file. This flush then fails (503, never 202) until the embedded queue was started
 * again (the actor never finds its tables again; the file holds everything acknowledged): it tells
 * {@link #whenBroken} once, and {@link #recovered} ends the refusal. {@link #brokenReason} tells
 * {@code /health}.
 *
 * <p>What was written is read from a note that {@link WrittenMessageTrigger} keeps beside the message
 * table, not from the message table itself: the worker may have received and deleted a message before
 * this check runs, and a deduplication hit names a message that may be long processed. Notes are kept
 * for ElasticMQ's deduplication interval.
 */
public final class EmbeddedQueueDurability extends ServiceSupport implements Flush {

    /** Where {@link WrittenMessageTrigger} notes each message ElasticMQ wrote. */
    static final String WRITTEN_TABLE = "inbound_written_messages";

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedQueueDurability.class);
    /** ElasticMQ answers a deduplication hit for 5 minutes after a message's creation; a minute more for its clean-up's pace. */
    private static final Duration DEDUPLICATION_INTERVAL = Duration.ofMinutes(6);
    /** How often notes older than the deduplication interval are deleted. */
    private static final Duration PRUNE_EVERY = Duration.ofMinutes(1);

    private final Flush checkpoint;
    private final DataSource queueDatabase;
    private final String messageTable;
    private final AtomicReference<String> brokenReason = new AtomicReference<>();
    private final AtomicLong prunedAt = new AtomicLong();
    private volatile Runnable whenBroken = () -> { };

    public EmbeddedQueueDurability(Flush checkpoint, DataSource queueDatabase, String queueName) {
        this.checkpoint = checkpoint;
        this.queueDatabase = queueDatabase;
        this.messageTable = ElasticMqMessageTable.of(queueName);
    }

    @Override
    protected void doStart() {
        prepareFile();
    }

    /**
     * Adds the note and its trigger to the queue's file (once: both stay in it), and notes the messages
     * of the last deduplication interval already on file, which a file from before the trigger lacks.
     * At start, and again after the embedded queue was started again.
     */
    public void prepareFile() {
        try (Connection connection = queueDatabase.getConnection(); Statement statement = connection.createStatement()) {
            if (!connection.getMetaData().getTables(null, null, messageTable.toUpperCase(Locale.ROOT), null).next()) {
                // no embedded queue on this file (route tests wire the beans without one): nothing to check
                return;
            }
            statement.execute("CREATE TABLE IF NOT EXISTS " + WRITTEN_TABLE + " (message_id VARCHAR PRIMARY KEY, written_at BIGINT NOT NULL)");
            statement.execute("CREATE INDEX IF NOT EXISTS " + WRITTEN_TABLE + "_by_time ON " + WRITTEN_TABLE + " (written_at)");
            statement.execute("CREATE TRIGGER IF NOT EXISTS " + messageTable + "_written AFTER INSERT ON " + messageTable
                    + " FOR EACH ROW CALL '" + WrittenMessageTrigger.class.getName() + "'");
            statement.execute("MERGE INTO " + WRITTEN_TABLE + " (message_id, written_at) KEY (message_id) SELECT message_id, created FROM "
                    + messageTable + " WHERE created >= " + (System.currentTimeMillis() - DEDUPLICATION_INTERVAL.toMillis()));
        } catch (SQLException e) {
            throw new IllegalStateException("Could not prepare the embedded queue's file for Inbound's durability check: " + e.getMessage(), e);
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
        List<String> missing = new ArrayList<>(confirmedMessageIds);
        missing.removeAll(written(confirmedMessageIds));
        if (!missing.isEmpty()) {
            String reason = "The embedded queue confirmed " + missing.size() + " message(s) it did not write to its file:"
                    + " its persistence (ElasticMQ) has failed; it is being started again from its file, which holds what was acknowledged";
            if (brokenReason.compareAndSet(null, reason)) {
                LOG.error("{}. Events are refused (503) until it runs again.", reason);
                whenBroken.run();
            }
            throw new FlushFailed(reason, null);
        }
        pruneNowAndThen();
    }

    /** What to do, once, when the queue is found not to keep what it confirms: start it again. */
    public void whenBroken(Runnable action) {
        this.whenBroken = action;
    }

    /** The embedded queue was started again from its file and keeps what it confirms: events are taken again. */
    public void recovered() {
        brokenReason.set(null);
    }

    /** The embedded queue could not be started again: why, for {@code /health}; a restart of Inbound is left. */
    public void unrecoverable(String why) {
        brokenReason.set(why);
    }

    /** Why the embedded queue cannot keep what it accepts, once it cannot. */
    public Optional<String> brokenReason() {
        return Optional.ofNullable(brokenReason.get());
    }

    private List<String> written(List<String> messageIds) {
        if (messageIds.isEmpty()) {
            return List.of();
        }
        String placeholders = String.join(",", Collections.nCopies(messageIds.size(), "?"));
        try (Connection connection = queueDatabase.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT message_id FROM " + WRITTEN_TABLE + " WHERE message_id IN (" + placeholders + ")")) {
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

    private void pruneNowAndThen() {
        long now = System.currentTimeMillis();
        long last = prunedAt.get();
        if (now - last < PRUNE_EVERY.toMillis() || !prunedAt.compareAndSet(last, now)) {
            return;
        }
        try (Connection connection = queueDatabase.getConnection();
                PreparedStatement prune = connection.prepareStatement("DELETE FROM " + WRITTEN_TABLE + " WHERE written_at < ?")) {
            prune.setLong(1, now - DEDUPLICATION_INTERVAL.toMillis());
            prune.executeUpdate();
        } catch (SQLException e) {
            LOG.warn("Could not delete the embedded queue's old write notes (tried again in {}): {}", PRUNE_EVERY, e.getMessage());
        }
    }
}
