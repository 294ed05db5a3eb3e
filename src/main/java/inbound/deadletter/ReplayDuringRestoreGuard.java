package inbound.deadletter;

import inbound.queue.QueueRestore;
import inbound.support.Refusal;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Refuses a replay (503 {@code queue_restoring}) while the stored messages are being queued again after a
 * restart: the dead letters it would see are not all back yet, and one moved or run now could go before
 * stored events of its group.
 */
public final class ReplayDuringRestoreGuard implements Processor {

    private final QueueRestore restore;

    public ReplayDuringRestoreGuard(QueueRestore restore) {
        this.restore = restore;
    }

    @Override
    public void process(Exchange exchange) {
        if (restore.running()) {
            throw new Refusal(503, "queue_restoring", "Inbound is queueing its stored events again after a restart ("
                    + restore.remaining() + " to go); replay once GET /health no longer says restoring.");
        }
    }
}
