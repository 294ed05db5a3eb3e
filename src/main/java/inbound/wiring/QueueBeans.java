package inbound.wiring;

import inbound.queue.QueueSettings;
import inbound.support.StopsWithContext;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;

/**
 * The FIFO queue, its dead-letter queue and the one SQS client, reached as the shape's
 * {@link QueueConnector} says: {@code queueSettings}, {@code sqsClient}, {@code queueFlush}, {@code claimCheck} and {@code queueRestore}.
 */
public class QueueBeans implements CamelConfiguration {

    private final QueueSettings queues;
    private final QueueConnector connector;

    public QueueBeans(QueueSettings queues, QueueConnector connector) {
        this.queues = queues;
        this.connector = connector;
    }

    @Override
    public void configure(CamelContext context) throws Exception {
        QueueConnection connection = connector.connect(context, queues);
        context.getRegistry().bind("queueSettings", queues);
        context.getRegistry().bind("sqsClient", connection.client());
        context.getRegistry().bind("queueFlush", connection.flush());
        context.getRegistry().bind("claimCheck", connection.claimCheck());
        context.getRegistry().bind("queueRestore", connection.restore());
        StopsWithContext.closeOnStop(context, connection.client());
    }
}
