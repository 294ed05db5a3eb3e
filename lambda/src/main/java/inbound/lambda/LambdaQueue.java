package inbound.lambda;

import inbound.queue.QueueSettings;
import inbound.queue.SqsClientFactory;
import inbound.support.Flush;
import inbound.wiring.QueueConnection;
import inbound.wiring.QueueConnector;
import inbound.queue.SqsClientSettings;
import java.net.URI;
import java.util.Optional;
import org.apache.camel.CamelContext;

/**
 * A function's queue: the region's Amazon SQS (or {@code inbound.sqs.endpoint}), durable on its own, with
 * a client built for a fast start: the HTTP client and credentials of the function's {@link FunctionOutside}.
 */
final class LambdaQueue implements QueueConnector {

    private final Optional<URI> endpoint;
    private final SqsClientSettings client;
    private final FunctionOutside outside;

    LambdaQueue(FunctionSettings settings, FunctionOutside outside) {
        this.endpoint = settings.sqsEndpoint();
        this.client = settings.sqsClient();
        this.outside = outside;
    }

    @Override
    public QueueConnection connect(CamelContext context, QueueSettings queues) {
        return new QueueConnection(outside.connect(SqsClientFactory.builder(endpoint.orElse(null), client.region(), client.callTimeout()),
                client.callTimeout()).build(), Flush.NONE);
    }
}
