package inbound.wiring;

import inbound.queue.QueueSettings;
import org.apache.camel.CamelContext;

/** Opens a shape's connection to its queue, where the shape's settings say it is; each shape has its own. */
@FunctionalInterface
public interface QueueConnector {

    QueueConnection connect(CamelContext context, QueueSettings queues) throws Exception;
}
