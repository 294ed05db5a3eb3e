package inbound.worker;

import inbound.store.EventStatus;
import inbound.store.EventStore;
import java.sql.SQLException;
import org.apache.camel.Exchange;

/**
 * Saves the status a worker's run decided. The run of a direct replay that fails restates the event's status
 * ({@link EventStore#saveRestatedStatus}) instead: its dead letter stays where it was, so nothing new happened
 * to the event, and the replay counts itself.
 */
public final class RunStatus {

    private RunStatus() {
    }

    public static void save(EventStore store, Exchange exchange, EventStatus status) throws SQLException {
        if (exchange.getProperty(WorkerProperties.DIRECT_REPLAY, false, Boolean.class)) {
            store.saveRestatedStatus(status);
        } else {
            store.saveStatus(status);
        }
    }
}
