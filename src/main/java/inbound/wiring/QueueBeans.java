package inbound.wiring;

import inbound.queue.DeliveryDeduplication;
import inbound.queue.QueueSettings;
import inbound.queue.SqsClientFactory;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.component.aws2.sqs.Sqs2Component;
import org.apache.camel.component.aws2.sqs.Sqs2Configuration;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The FIFO queue, its dead-letter queue and the one SQS client. With no {@code inbound.sqs.endpoint},
 * the server shape talks to its embedded server and the Lambda shape to the region's Amazon SQS.
 */
public class QueueBeans implements CamelConfiguration {

    private final boolean embeddedWhenNoEndpoint;

    public QueueBeans(boolean embeddedWhenNoEndpoint) {
        this.embeddedWhenNoEndpoint = embeddedWhenNoEndpoint;
    }

    @Override
    public void configure(CamelContext context) throws Exception {
        Settings settings = new Settings(context);
        QueueSettings queues = new QueueSettings(
                settings.text("inbound.queue.name"), settings.text("inbound.dlq.name"), (int) settings.number("inbound.queue.max-receive-count"));
        Optional<URI> configured = settings.optionalText("inbound.sqs.endpoint").map(URI::create);
        boolean embedded = configured.isEmpty() && embeddedWhenNoEndpoint;
        URI endpoint = embedded
                ? URI.create("http://" + settings.text("inbound.sqs.host") + ":" + settings.number("inbound.sqs.port"))
                : configured.orElse(null);
        SqsClient sqs = SqsClientFactory.create(endpoint, embedded, settings.text("inbound.sqs.region"),
                Duration.ofMillis(settings.number("inbound.sqs.call-timeout-ms")));
        context.getRegistry().bind("queueSettings", queues);
        context.getRegistry().bind("sqsClient", sqs);
        StopsWithContext.closeOnStop(context, sqs);
        useDeliveryDeduplication(context);
    }

    /** camel-aws2-sqs accepts only its built-in deduplication strategies by name; ours is set as an object. */
    private static void useDeliveryDeduplication(CamelContext context) {
        Sqs2Component component = context.getComponent("aws2-sqs", Sqs2Component.class);
        Sqs2Configuration configuration = component.getConfiguration() != null ? component.getConfiguration() : new Sqs2Configuration();
        configuration.setMessageDeduplicationIdStrategy(new DeliveryDeduplication());
        component.setConfiguration(configuration);
    }
}
