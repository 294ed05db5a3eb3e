package inbound.lambda;

import inbound.operator.OverviewView;
import inbound.queue.QueueDepth;
import inbound.queue.QueueSettings;
import inbound.store.EventStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * After {@code WorkerBeans}: the console function's overview, counted from the event store's history (each
 * container's own tally would count only what it saw) with both queues' depth, naming the CloudWatch dashboard
 * for what it does not count, and saying how long the retention function keeps processed events.
 */
final class HistoryOverviewBeans implements CamelConfiguration {

    private final Duration retention;
    private final Optional<String> dashboard;

    HistoryOverviewBeans(Duration retention, Optional<String> dashboard) {
        this.retention = retention;
        this.dashboard = dashboard;
    }

    @Override
    public void configure(CamelContext context) {
        Registry registry = context.getRegistry();
        SqsClient sqs = registry.lookupByNameAndType("sqsClient", SqsClient.class);
        QueueSettings queues = registry.lookupByNameAndType("queueSettings", QueueSettings.class);
        registry.bind("overviewView", OverviewView.countedFromHistory(registry.lookupByNameAndType("eventStore", EventStore.class),
                new QueueDepth(sqs, queues.queueName()), new QueueDepth(sqs, queues.deadLetterQueueName()), Clock.systemUTC(), retention, dashboard));
    }
}
