package inbound.lambda;

import inbound.queue.QueueSettings;
import inbound.queue.SqsClientFactory;
import inbound.support.Flush;
import inbound.wiring.QueueConnection;
import inbound.wiring.QueueConnector;
import inbound.queue.SqsClientSettings;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.apache.camel.CamelContext;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/**
 * A function's queue: the region's Amazon SQS (or {@code inbound.sqs.endpoint}), durable on its own, with
 * a client built for a fast start: the JDK's URL connection HTTP client and only Lambda's credentials.
 */
final class LambdaQueue implements QueueConnector {

    private final Optional<URI> endpoint;
    private final SqsClientSettings client;

    LambdaQueue(FunctionSettings settings) {
        this.endpoint = settings.sqsEndpoint();
        this.client = settings.sqsClient();
    }

    @Override
    public QueueConnection connect(CamelContext context, QueueSettings queues) {
        return new QueueConnection(SqsClientFactory.builder(endpoint.orElse(null), client.region(), client.callTimeout())
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(2))
                        .socketTimeout(client.callTimeout()))
                .credentialsProvider(LambdaCredentials.PROVIDER)
                .build(), Flush.NONE);
    }
}
