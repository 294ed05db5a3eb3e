package inbound.queue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rewrites the embedded queue's stored messages, before ElasticMQ restores them, so that it gives back
 * each group in the order its messages were sent.
 *
 * <p>Why: ElasticMQ 1.7.1 restores a FIFO queue's messages as if the queue were not FIFO
 * ({@code DBMessage.toInternalMessage}: {@code isFifo = false, orderIndex = 0}); a restored message then
 * sorts by its next-delivery time alone. A message received and not deleted before the crash sorts
 * behind the later ones of its group (its next delivery is its visibility's end), and messages with the
 * same millisecond come back in any order. What does record the send order is the row's place in the
 * table: ElasticMQ's single persistence actor inserts a queue's messages in the order the queue
 * accepted them, and H2 numbers a table's rows ({@code _ROWID_}) in insertion order, across restarts.
 * Its next delivery becomes that number (milliseconds since 1970: every message deliverable at once,
 * and sorted before anything sent after the restart). Making a message received before the crash
 * visible at once is right at start: its consumer, this process's worker, is gone.
 */
final class RestoreOrderRepair {

    private static final Logger LOG = LoggerFactory.getLogger(RestoreOrderRepair.class);

    private RestoreOrderRepair() {
    }

    static void repair(String databaseUrl, List<String> queueNames) {
        try (Connection connection = DriverManager.getConnection(databaseUrl, "", "");
                Statement statement = connection.createStatement()) {
            for (String queueName : queueNames) {
                String table = ElasticMqMessageTable.of(queueName);
                if (connection.getMetaData().getTables(null, null, table.toUpperCase(Locale.ROOT), null).next()) {
                    int rows = statement.executeUpdate("UPDATE " + table + " SET next_delivery = _ROWID_");
                    LOG.debug("Put {} stored messages of {} in their send order", rows, queueName);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not put the embedded queue's stored messages in their send order: " + e.getMessage(), e);
        }
    }
}
