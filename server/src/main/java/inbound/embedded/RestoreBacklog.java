package inbound.embedded;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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
 * the queue accepted them, and H2 numbers a table's rows ({@code _ROWID_}) in insertion order. A start that
 * finds rows here was stopped while re-sending them; ElasticMQ was reachable only by that re-send then, so
 * what its tables hold are the first messages of each group, re-sent: they go before the rows still here
 * (a message both re-sent and still here is sent twice, and ElasticMQ drops the second by its deduplication id).
 */
final class RestoreBacklog {

    static final String TABLE = "inbound_restore_backlog";

    /** One stored message, as ElasticMQ wrote it. */
    record StoredMessage(long seq, byte[] content, byte[] attributes, String groupId, String deduplicationId) {
    }

    private final String databaseUrl;

    RestoreBacklog(String databaseUrl) {
        this.databaseUrl = databaseUrl;
    }

    /**
     * Moves every message of {@code queueNames} out of ElasticMQ's tables into the backlog, in one transaction.
     *
     * @return how many messages the backlog holds now
     */
    long takeOver(List<String> queueNames) {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (seq BIGINT PRIMARY KEY, queue_name VARCHAR NOT NULL,"
                    + " content BLOB, attributes BLOB, group_id VARCHAR, deduplication_id VARCHAR)");
            connection.setAutoCommit(false);
            for (String queueName : queueNames) {
                String elasticMqTable = ElasticMqMessageTable.of(queueName);
                if (!connection.getMetaData().getTables(null, null, elasticMqTable.toUpperCase(Locale.ROOT), null).next()) {
                    continue;
                }
                long before = single(statement, "SELECT COALESCE(MIN(seq), 0) FROM " + TABLE);
                long count = single(statement, "SELECT COUNT(*) FROM " + elasticMqTable);
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + TABLE
                        + " (seq, queue_name, content, attributes, group_id, deduplication_id)"
                        + " SELECT ? + ROW_NUMBER() OVER (ORDER BY _ROWID_), ?, content, attributes, group_id, deduplication_id FROM "
                        + elasticMqTable)) {
                    insert.setLong(1, before - count - 1);
                    insert.setString(2, queueName);
                    insert.executeUpdate();
                }
                statement.executeUpdate("DELETE FROM " + elasticMqTable);
            }
            connection.commit();
            return single(statement, "SELECT COUNT(*) FROM " + TABLE);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not take the embedded queue's stored messages out for their re-send: " + e.getMessage(), e);
        }
    }

    /** The next messages of {@code queueName} in order: at most {@code maxRows}, and no more once {@code maxBytes} of content are read. */
    List<StoredMessage> next(String queueName, int maxRows, long maxBytes) {
        try (Connection connection = connect();
                PreparedStatement select = connection.prepareStatement("SELECT seq, content, attributes, group_id, deduplication_id FROM "
                        + TABLE + " WHERE queue_name = ? ORDER BY seq LIMIT ?")) {
            select.setString(1, queueName);
            select.setInt(2, maxRows);
            List<StoredMessage> messages = new ArrayList<>();
            long bytes = 0;
            try (ResultSet rows = select.executeQuery()) {
                while (bytes < maxBytes && rows.next()) {
                    StoredMessage message = new StoredMessage(rows.getLong(1), rows.getBytes(2), rows.getBytes(3), rows.getString(4), rows.getString(5));
                    bytes += message.content().length;
                    messages.add(message);
                }
            }
            return messages;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the embedded queue's messages waiting for their re-send: " + e.getMessage(), e);
        }
    }

    /** Removes the messages of {@code queueName} up to and including {@code lastSeq}: they are on file in ElasticMQ's table again. */
    void removeThrough(String queueName, long lastSeq) {
        try (Connection connection = connect();
                PreparedStatement delete = connection.prepareStatement("DELETE FROM " + TABLE + " WHERE queue_name = ? AND seq <= ?")) {
            delete.setString(1, queueName);
            delete.setLong(2, lastSeq);
            delete.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not remove re-sent messages from the embedded queue's backlog: " + e.getMessage(), e);
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
