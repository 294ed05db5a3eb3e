package inbound.testing;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/** The events a stopped or killed server recorded in its embedded database under its data directory. */
public final class ProcessedEvents {

    private ProcessedEvents() {
    }

    /** Every recorded event's payload, by event id: read from the H2 file, which no server may hold open. */
    public static Map<String, String> payloadsById(Path dataDir) {
        Map<String, String> payloads = new HashMap<>();
        try (Connection database = DriverManager.getConnection("jdbc:h2:file:" + dataDir.resolve("db").resolve("inbound"), "sa", "");
                ResultSet rows = database.createStatement().executeQuery("SELECT event_id, payload FROM processed_events")) {
            while (rows.next()) {
                payloads.put(rows.getString(1), rows.getString(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the processed events under " + dataDir, e);
        }
        return payloads;
    }
}
