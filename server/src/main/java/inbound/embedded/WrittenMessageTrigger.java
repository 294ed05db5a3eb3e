package inbound.embedded;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.h2.api.Trigger;

/**
 * An H2 trigger on ElasticMQ's message table: each message ElasticMQ writes is also noted, with the
 * time, in {@link EmbeddedQueueDurability#WRITTEN_TABLE}, in the same statement and so the same commit.
 * A message the worker received and deleted before Inbound looked is gone from the message table,
 * but not from this note.
 */
public final class WrittenMessageTrigger implements Trigger {

    private int messageIdColumn;

    @Override
    public void init(Connection connection, String schema, String trigger, String table, boolean before, int type) throws SQLException {
        try (ResultSet column = connection.getMetaData().getColumns(null, schema, table, "MESSAGE_ID")) {
            if (!column.next()) {
                throw new SQLException("ElasticMQ's table " + table + " has no message_id column");
            }
            messageIdColumn = column.getInt("ORDINAL_POSITION") - 1;
        }
    }

    @Override
    public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
        try (PreparedStatement note = connection.prepareStatement(
                "MERGE INTO " + EmbeddedQueueDurability.WRITTEN_TABLE + " (message_id, written_at) KEY (message_id) VALUES (?, ?)")) {
            note.setObject(1, newRow[messageIdColumn]);
            note.setLong(2, System.currentTimeMillis());
            note.executeUpdate();
        }
    }
}
