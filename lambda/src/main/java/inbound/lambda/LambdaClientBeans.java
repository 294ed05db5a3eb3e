package inbound.lambda;

import inbound.settings.Settings;
import inbound.support.StopsWithContext;
import java.net.URI;
import java.time.Duration;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.LambdaClientBuilder;

/** The Lambda client a direct replay invokes the worker function with; it waits as long as the worker may run. */
final class LambdaClientBeans implements CamelConfiguration {

    @Override
    public void configure(CamelContext context) throws Exception {
        Settings settings = new Settings(context);
        Duration invokeTimeout = Duration.ofMillis(settings.number("inbound.replay.invoke-timeout-ms"));
        LambdaClientBuilder builder = LambdaClient.builder()
                .region(Region.of(settings.text("inbound.sqs.region")))
                .httpClientBuilder(UrlConnectionHttpClient.builder().socketTimeout(invokeTimeout))
                .credentialsProvider(LambdaCredentials.PROVIDER)
                .overrideConfiguration(ClientOverrideConfiguration.builder().apiCallTimeout(invokeTimeout).build());
        settings.optionalText("inbound.lambda.endpoint").map(URI::create).ifPresent(builder::endpointOverride);
        LambdaClient lambda = builder.build();
        context.getRegistry().bind("lambdaClient", lambda);
        StopsWithContext.closeOnStop(context, lambda);
    }
}
