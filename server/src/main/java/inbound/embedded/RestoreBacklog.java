package inbound.embedded;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The embedded queue's stored messages, taken out of ElasticMQ's tables before it starts, in a table of
 * Inbound's own in the same H2 file, until they are sent to ElasticMQ again.
 *
 * <p>Why: ElasticMQ 1.7.1 restores a FIFO queue's messages as if the queue were not FIFO
 * ({@code DBMessage.toInternalMessage}: {@code isFifo = false, orderIndex = 0}). Such a message, once received,
 * no longer holds back its group: the next one is handed out while it is in flight, to a second consumer.
 * Only a message sent to the running queue is held as a FIFO message; so none is left for ElasticMQ to
 * restore, and {@link BacklogResend} sends them again, in this table's order.
 *
 * <p>Order: a row's {@code seq}. ElasticMQ's single persistence actor inserts a queue's messages in the order
 * the queue accepted them, and H2 numbers a table's rows ({@code _ROWID_}) in insertion order. The re-send
 * takes a few message groups at a time ({@link #next}: one for each of its lanes), each in {@code seq} order,
 * so that each group is whole again as soon as can be. A start that finds rows here was stopped while re-sending them: what
 * ElasticMQ's tables hold then are, of each group, its first messages re-sent, and for a group with none left
 * here, the events that came after it was whole (no event of a group with rows here is accepted, see
 * {@link EmbeddedQueueRestore}); so they go before the rows still here (a message both re-sent and still here
 * is sent twice, and ElasticMQ drops the second by its deduplication id).
 */
final class RestoreBacklog {

    static final String TABLE = "inbound_restore_backlog";

    /** One stored message, as ElasticMQ wrote it; {@code tracingId} its {@code AWSTraceHeader}, or null. */
    record StoredMessage(long seq, byte[] content, byte[] attributes, String groupId, String deduplicationId, String tracingId) {
    }

    private final String databaseUrl;

    RestoreBacklog(String databaseUrl) {
        this.databaseUrl = databaseUrl;
    }

    /** Moves every message of {@code queueNames} out of ElasticMQ's tables into the backlog, in one transaction. */
    void takeOver(List<String> queueNames) {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (seq BIGINT PRIMARY KEY, queue_name VARCHAR NOT NULL,"
                    + " content BLOB, attributes BLOB, group_id VARCHAR, deduplication_id VARCHAR, tracing_id VARCHAR)");
            // a backlog a version before traces left behind
            statement.execute("ALTER TABLE " + TABLE + " ADD COLUMN IF NOT EXISTS tracing_id VARCHAR");
            statement.execute("CREATE INDEX IF NOT EXISTS " + TABLE + "_by_group ON " + TABLE + " (queue_name, group_id, seq)");
            statement.execute("CREATE INDEX IF NOT EXISTS " + TABLE + "_groups ON " + TABLE + " (group_id)");
            connection.setAutoCommit(false);
            for (String queueName : queueNames) {
                String elasticMqTable = ElasticMqMessageTable.of(queueName);
                if (!connection.getMetaData().getTables(null, null, elasticMqTable.toUpperCase(Locale.ROOT), null).next()) {
                    continue;
                }
                long before = single(statement, "SELECT COALESCE(MIN(seq), 0) FROM " + TABLE);
                long count = single(statement, "SELECT COUNT(*) FROM " + elasticMqTable);
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + TABLE
                        + " (seq, queue_name, content, attributes, group_id, deduplication_id, tracing_id)"
                        + " SELECT ? + ROW_NUMBER() OVER (ORDER BY _ROWID_), ?, content, attributes, group_id, deduplication_id, tracing_id FROM "
                        + elasticMqTable)) {
                    insert.setLong(1, before - count - 1);
                    insert.setString(2, queueName);
                    insert.executeUpdate();
                }
                statement.executeUpdate("DELETE FROM " + elasticMqTable);
            }
            connection.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not take the embedded queue's stored messages out for their re-send: " + e.getMessage(), e);
        }
    }

    /**
     * The next messages of {@code queueName}: of its first {@code groups} groups (in the order of group ids), each
     * group's first {@code perGroup} in its order, and no more once {@code maxBytes} of content are read.
     */
    List<StoredMessage> next(String queueName, int groups, int perGroup, long maxBytes) {
        try (Connection connection = connect();
                PreparedStatement select = connection.prepareStatement("SELECT seq, content, attributes, group_id, deduplication_id, tracing_id FROM ("
                        + "SELECT b.*, ROW_NUMBER() OVER (PARTITION BY group_id ORDER BY seq) AS position FROM " + TABLE + " b"
                        + " WHERE queue_name = ? AND group_id IN (SELECT group_id FROM " + TABLE + " WHERE queue_name = ?"
                        + " GROUP BY group_id ORDER BY group_id LIMIT ?)) WHERE position <= ? ORDER BY group_id, seq")) {
            select.setString(1, queueName);
            select.setString(2, queueName);
            select.setInt(3, groups);
            select.setInt(4, perGroup);
            List<StoredMessage> messages = new ArrayList<>();
            long bytes = 0;
            try (ResultSet rows = select.executeQuery()) {
                while (bytes < maxBytes && rows.next()) {
                    StoredMessage message = new StoredMessage(rows.getLong(1), rows.getBytes(2), rows.getBytes(3), rows.getString(4), rows.getString(5),
                            rows.getString(6));
                    bytes += message.content().length;
                    messages.add(message);
                }
            }
            return messages;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the embedded queue's messages waiting for their re-send: " + e.getMessage(), e);
        }
    }

    /** Removes {@code sent}: they are on file in ElasticMQ's table again. */
    void remove(List<StoredMessage> sent) {
        try (Connection connection = connect();
                PreparedStatement delete = connection.prepareStatement("DELETE FROM " + TABLE + " WHERE seq = ?")) {
            connection.setAutoCommit(false);
            for (StoredMessage message : sent) {
                delete.setLong(1, message.seq());
                delete.addBatch();
            }
            delete.executeBatch();
            connection.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not remove re-sent messages from the embedded queue's backlog: " + e.getMessage(), e);
        }
    }

    /** How many messages are here, of any queue. */
    long size() {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            return single(statement, "SELECT COUNT(*) FROM " + TABLE);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not count the messages waiting for their re-send: " + e.getMessage(), e);
        }
    }

    /** The message groups with messages here, of any queue. */
    Set<String> groups() {
        Set<String> groups = new HashSet<>();
        try (Connection connection = connect(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT DISTINCT group_id FROM " + TABLE)) {
            while (rows.next()) {
                groups.add(rows.getString(1));
            }
            return groups;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the message groups waiting for their re-send: " + e.getMessage(), e);
        }
    }

    /** Whether {@code groupId} still has messages here, of any queue. */
    boolean holds(String groupId) {
        try (Connection connection = connect();
                PreparedStatement select = connection.prepareStatement("SELECT 1 FROM " + TABLE + " WHERE group_id = ? LIMIT 1")) {
            select.setString(1, groupId);
            try (ResultSet row = select.executeQuery()) {
                return row.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read whether a message group waits for its re-send: " + e.getMessage(), e);
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(databaseUrl, "", "");
    }

    private static long single(Statement statement, String query) throws SQLException {
        try (ResultSet result = statement.executeQuery(query)) {
            result.next();
            return result.getLong(1);
        }
    }
}
