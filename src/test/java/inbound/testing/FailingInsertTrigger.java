package inbound.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Blob;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.h2.api.Trigger;

/**
 * An H2 trigger on ElasticMQ's message table that refuses the insert of a message with {@link #MARKER}
 * in any column — its body, or an attribute such as its delivery id where the body is stored aside: one
 * persistence failure inside the queue, injected through SQL on its own file.
 */
public final class FailingInsertTrigger implements Trigger {

    public static final String MARKER = "refused-by-the-queue-file";

    /** Adds the trigger to {@code table} of the H2 database at {@code url} (which must not be open elsewhere). */
    public static void install(String url, String table) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, "", ""); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TRIGGER refuse_marked_messages BEFORE INSERT ON " + table
                    + " FOR EACH ROW CALL \"" + FailingInsertTrigger.class.getName() + "\"");
        }
    }

    @Override
    public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
        for (Object column : newRow) {
            if (text(column).contains(MARKER)) {
                throw new SQLException("the test refuses this message");
            }
        }
    }

    private static String text(Object content) throws SQLException {
        if (content instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        if (content instanceof Blob blob) {
            try (InputStream in = blob.getBinaryStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return String.valueOf(content);
    }
}
