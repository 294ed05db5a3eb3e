package inbound.lambda;

import inbound.claimcheck.ClaimCheck;
import inbound.queue.QueueSettings;
import inbound.queue.SqsClientFactory;
import inbound.support.Flush;
import inbound.support.StopsWithContext;
import inbound.wiring.ClaimCheckBucket;
import inbound.wiring.QueueConnection;
import inbound.wiring.QueueConnector;
import inbound.queue.SqsClientSettings;
import java.time.Duration;
import org.apache.camel.CamelContext;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A function's queue: the region's Amazon SQS (or {@code inbound.sqs.endpoint}), durable on its own, with
 * a client built for a fast start: the JDK's URL connection HTTP client and only Lambda's credentials.
 * Where a claim-check bucket is set, bodies too large for a message go there, through a client built the same way.
 */
final class LambdaQueue implements QueueConnector {

    private final FunctionSettings settings;

    LambdaQueue(FunctionSettings settings) {
        this.settings = settings;
    }

    @Override
    public QueueConnection connect(CamelContext context, QueueSettings queues) throws Exception {
        SqsClientSettings client = settings.sqsClient();
        return new QueueConnection(SqsClientFactory.builder(settings.sqsEndpoint().orElse(null), client.region(), client.callTimeout())
                .httpClientBuilder(httpClient(client.callTimeout()))
                .credentialsProvider(LambdaCredentials.PROVIDER)
                .build(), Flush.NONE, claimCheck(context));
    }

    private ClaimCheck claimCheck(CamelContext context) throws Exception {
        if (settings.claimCheckBucket().isEmpty()) {
            return ClaimCheck.NONE;
        }
        ClaimCheckBucket bucket = settings.claimCheckBucket().get();
        S3Client s3 = StopsWithContext.closeOnStop(context, bucket.clientBuilder(settings.sqsClient().region())
                .httpClientBuilder(httpClient(bucket.callTimeout()))
                .credentialsProvider(LambdaCredentials.PROVIDER)
                .build());
        return bucket.claimCheck(settings.claimCheckThresholdBytes(), settings.ingest().maxMessageBytes(), s3);
    }

    private static UrlConnectionHttpClient.Builder httpClient(Duration callTimeout) {
        return UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(2))
                .socketTimeout(callTimeout);
    }
}
