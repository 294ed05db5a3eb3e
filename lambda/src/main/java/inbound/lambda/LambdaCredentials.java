package inbound.lambda;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;

/** The AWS credentials of a function, for every client it builds. */
final class LambdaCredentials {

    /**
     * Only the two places Lambda gives credentials, instead of the SDK's full chain (a faster start):
     * environment variables, or — in a SnapStart function, which has none — the container credentials
     * endpoint (AWS_CONTAINER_CREDENTIALS_FULL_URI), read when first needed.
     */
    static final AwsCredentialsProvider PROVIDER = AwsCredentialsProviderChain.builder()
            .credentialsProviders(EnvironmentVariableCredentialsProvider.create(), ContainerCredentialsProvider.builder().build())
            .reuseLastProviderEnabled(true)
            .build();

    private LambdaCredentials() {
    }
}
