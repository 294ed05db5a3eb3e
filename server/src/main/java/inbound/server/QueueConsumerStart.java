package inbound.server;

import inbound.queue.QueueSettings;
import inbound.queue.QueueUrl;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.StartupListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Adds the worker's queue consumer route once the queue answers. camel-aws2-sqs looks its queue up
 * when the consumer's route is created, and a route that cannot be created stops Camel from starting
 * (the supervising route controller retries routes that fail to start, not ones that fail to be
 * created). So Inbound starts without the consumer while the queue is unreachable, ingest answering
 * 503 and {@code /health} DOWN, and adds it as soon as the queue answers, retrying at a fixed delay.
 */
final class QueueConsumerStart implements StartupListener {

    private static final Logger LOG = LoggerFactory.getLogger(QueueConsumerStart.class);

    private final Supplier<RoutesBuilder> consumerRoute;
    private final Duration retryDelay;

    QueueConsumerStart(Supplier<RoutesBuilder> consumerRoute, Duration retryDelay) {
        this.consumerRoute = consumerRoute;
        this.retryDelay = retryDelay;
    }

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        // routes can be added once the context is fully started
    }

    @Override
    public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
        if (!tryToAdd(context)) {
            LOG.warn("The queue does not answer: Inbound runs without its worker, refusing webhooks with 503, and adds the worker"
                    + " as soon as the queue answers (tried every {} ms)", retryDelay.toMillis());
            ScheduledExecutorService retries = context.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "QueueConsumerStart");
            retries.scheduleWithFixedDelay(() -> {
                if (tryToAdd(context)) {
                    LOG.info("The queue answers: the worker's queue consumer is added");
                    context.getExecutorServiceManager().shutdown(retries);
                }
            }, retryDelay.toMillis(), retryDelay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private boolean tryToAdd(CamelContext context) {
        if (!queueAnswers(context)) {
            return false;
        }
        try {
            context.addRoutes(consumerRoute.get());
            return true;
        } catch (Exception e) {
            // the queue went away again between the two calls: the next try adds it
            LOG.debug("Could not add the queue consumer route yet: {}", e.getMessage());
            return false;
        }
    }

    private static boolean queueAnswers(CamelContext context) {
        return QueueUrl.answers(context.getRegistry().lookupByNameAndType("sqsClient", SqsClient.class),
                context.getRegistry().findSingleByType(QueueSettings.class).queueName());
    }
}
