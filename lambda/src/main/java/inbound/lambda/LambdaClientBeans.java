package inbound.lambda;

import inbound.support.StopsWithContext;
import java.time.Duration;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.LambdaClientBuilder;

/** The Lambda client a direct replay invokes the worker function with; it waits as long as the worker may run. */
final class LambdaClientBeans implements CamelConfiguration {

    private final FunctionSettings settings;
    private final FunctionOutside outside;

    LambdaClientBeans(FunctionSettings settings, FunctionOutside outside) {
        this.settings = settings;
        this.outside = outside;
    }

    @Override
    public void configure(CamelContext context) throws Exception {
        Duration invokeTimeout = settings.replayInvokeTimeout();
        LambdaClientBuilder builder = outside.connect(LambdaClient.builder(), invokeTimeout)
                .region(Region.of(settings.sqsClient().region()))
                .overrideConfiguration(ClientOverrideConfiguration.builder().apiCallTimeout(invokeTimeout).build());
        settings.lambdaEndpoint().ifPresent(builder::endpointOverride);
        LambdaClient lambda = builder.build();
        context.getRegistry().bind("lambdaClient", lambda);
        StopsWithContext.closeOnStop(context, lambda);
    }
}
