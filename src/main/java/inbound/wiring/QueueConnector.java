package inbound.wiring;

import inbound.settings.Settings;
import inbound.queue.QueueSettings;
import org.apache.camel.CamelContext;

/** Opens a shape's connection to its queue, once the queue's settings are read; each shape has its own. */
@FunctionalInterface
public interface QueueConnector {

    QueueConnection connect(CamelContext context, Settings settings, QueueSettings queues) throws Exception;
}
