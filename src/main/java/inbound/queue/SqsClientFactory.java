package inbound.queue;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.SqsClientBuilder;

/**
 * Builds the one SQS client Inbound uses. Calls time out quickly, so that a queue that does not
 * answer turns into a 503 for the provider rather than a hanging request. In a Lambda function the
 * client is built for a fast start: the JDK's URL connection HTTP client instead of Apache's, and
 * only the two places Lambda gives credentials (see {@link #LAMBDA_CREDENTIALS}) instead of the full chain.
 */
public final class SqsClientFactory {

    /**
     * The embedded server checks no signature, so requests to it go unsigned: signing costs the client
     * a SHA-256 of every body, and the server's HTTP layer fails to parse a SigV4 Authorization header
     * as a standard one and builds an error trace for each request (profiled: a fifth of what the
     * embedded queue allocated under load).
     */
    private static final AwsCredentialsProvider EMBEDDED_CREDENTIALS = AnonymousCredentialsProvider.create();

    /**
     * Lambda's credentials: environment variables, or — in a SnapStart function, which has none — the
     * container credentials endpoint (AWS_CONTAINER_CREDENTIALS_FULL_URI), read when first needed.
     */
    public static final AwsCredentialsProvider LAMBDA_CREDENTIALS = AwsCredentialsProviderChain.builder()
            .credentialsProviders(EnvironmentVariableCredentialsProvider.create(), ContainerCredentialsProvider.builder().build())
            .reuseLastProviderEnabled(true)
            .build();

    private SqsClientFactory() {
    }

    /**
     * @param endpoint the SQS endpoint to use, or null for the AWS default of the region
     * @param embedded whether the endpoint is our embedded server (any credentials are accepted there)
     */
    public static SqsClient create(URI endpoint, boolean embedded, String region, Duration callTimeout) {
        return builder(endpoint, region, callTimeout)
                .httpClientBuilder(ApacheHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(2))
                        .socketTimeout(callTimeout)
                        .maxConnections(64))
                .credentialsProvider(embedded ? EMBEDDED_CREDENTIALS : DefaultCredentialsProvider.builder().build())
                .build();
    }

    /** @param endpoint the SQS endpoint to use, or null for the region's Amazon SQS */
    public static SqsClient createForLambda(URI endpoint, String region, Duration callTimeout) {
        return builder(endpoint, region, callTimeout)
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(2))
                        .socketTimeout(callTimeout))
                .credentialsProvider(LAMBDA_CREDENTIALS)
                .build();
    }

    private static SqsClientBuilder builder(URI endpoint, String region, Duration callTimeout) {
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
