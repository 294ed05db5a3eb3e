package inbound.ingest;

import inbound.queue.EventAttributes;
import inbound.queue.GroupRestoring;
import inbound.queue.QueueRestore;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Refuses an event (503 {@code queue_restoring} with Retry-After) while its message group's stored messages
 * are still being queued again after a restart: queued now, it would be processed before them. Events of
 * every other group are taken as usual; the provider's retry delivers the refused one once its group is back.
 */
public final class RestoringGroupGuard implements Processor {

    private final QueueRestore restore;

    public RestoringGroupGuard(QueueRestore restore) {
        this.restore = restore;
    }

    @Override
    public void process(Exchange exchange) {
        if (restore.holds(exchange.getProperty(EventAttributes.GROUP_ID_PROPERTY, String.class))) {
            throw new GroupRestoring("The event's message group is still being restored after a restart; retry later.");
        }
    }
}
