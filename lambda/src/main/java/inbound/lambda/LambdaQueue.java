package inbound.lambda;

import inbound.queue.QueueSettings;
import inbound.queue.SqsClientFactory;
import inbound.support.Flush;
import inbound.wiring.QueueConnection;
import inbound.wiring.QueueConnector;
import inbound.settings.Settings;
import java.net.URI;
import java.time.Duration;
import org.apache.camel.CamelContext;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/**
 * A function's queue: the region's Amazon SQS (or {@code inbound.sqs.endpoint}), durable on its own, with
 * a client built for a fast start: the JDK's URL connection HTTP client and only Lambda's credentials.
 */
final class LambdaQueue implements QueueConnector {

    @Override
    public QueueConnection connect(CamelContext context, Settings settings, QueueSettings queues) {
        Duration callTimeout = Duration.ofMillis(settings.number("inbound.sqs.call-timeout-ms"));
        URI endpoint = settings.optionalText("inbound.sqs.endpoint").map(URI::create).orElse(null);
        return new QueueConnection(SqsClientFactory.builder(endpoint, settings.text("inbound.sqs.region"), callTimeout)
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(2))
                        .socketTimeout(callTimeout))
                .credentialsProvider(LambdaCredentials.PROVIDER)
                .build(), Flush.NONE);
    }
}
