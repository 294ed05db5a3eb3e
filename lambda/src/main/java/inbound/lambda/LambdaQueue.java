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
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * A function's queue: the region's Amazon SQS (or {@code inbound.sqs.endpoint}), durable on its own, with
 * a client built for a fast start: the HTTP client and credentials of the function's {@link FunctionOutside};
 * built at once, or on its first use for a function that rarely calls SQS ({@link SqsClientOnFirstUse}).
 */
final class LambdaQueue implements QueueConnector {

    private final Optional<URI> endpoint;
    private final SqsClientSettings client;
    private final FunctionOutside outside;
    private final boolean onFirstUse;

    private LambdaQueue(FunctionSettings settings, FunctionOutside outside, boolean onFirstUse) {
        this.endpoint = settings.sqsEndpoint();
        this.client = settings.sqsClient();
        this.outside = outside;
        this.onFirstUse = onFirstUse;
    }

    LambdaQueue(FunctionSettings settings, FunctionOutside outside) {
        this(settings, outside, false);
    }

    /** The worker's: most of its invocations never call SQS. */
    static LambdaQueue builtOnFirstUse(FunctionSettings settings, FunctionOutside outside) {
        return new LambdaQueue(settings, outside, true);
    }

    @Override
    public QueueConnection connect(CamelContext context, QueueSettings queues) {
        return new QueueConnection(onFirstUse ? SqsClientOnFirstUse.of(this::build) : build(), Flush.NONE);
    }

    private SqsClient build() {
        return outside.connect(SqsClientFactory.builder(endpoint.orElse(null), client.region(), client.callTimeout()), client.callTimeout()).build();
    }
}
