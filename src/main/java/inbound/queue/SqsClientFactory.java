package inbound.queue;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.SqsClientBuilder;

/**
 * What every SQS client of Inbound has in common, whichever shape builds it (each adds its own HTTP
 * client and credentials): its region, its endpoint, and calls that time out quickly, so that a queue
 * that does not answer turns into a 503 for the provider rather than a hanging request.
 */
public final class SqsClientFactory {

    private SqsClientFactory() {
    }

    /** @param endpoint the SQS endpoint to use, or null for the region's Amazon SQS */
    public static SqsClientBuilder builder(URI endpoint, String region, Duration callTimeout) {
        SqsClientBuilder builder = SqsClient.builder()
                .region(Region.of(region))
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .apiCallTimeout(callTimeout)
                        .build());
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder;
    }
}
