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
import org.apache.camel.CamelContext;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * A function's queue: the region's Amazon SQS (or {@code inbound.sqs.endpoint}), durable on its own, with
 * a client built for a fast start: the HTTP client and credentials of the function's {@link FunctionOutside};
 * built at once, or on its first use for a function that rarely calls SQS ({@link SqsClientOnFirstUse}).
 * Where a claim-check bucket is set, bodies too large for a message go there, through a client built the same way.
 */
final class LambdaQueue implements QueueConnector {

    private final FunctionSettings settings;
    private final FunctionOutside outside;
    private final boolean onFirstUse;

    private LambdaQueue(FunctionSettings settings, FunctionOutside outside, boolean onFirstUse) {
        this.settings = settings;
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
    public QueueConnection connect(CamelContext context, QueueSettings queues) throws Exception {
        return new QueueConnection(onFirstUse ? SqsClientOnFirstUse.of(this::build) : build(), Flush.NONE, claimCheck(context));
    }

    private SqsClient build() {
        SqsClientSettings client = settings.sqsClient();
        return outside.connect(SqsClientFactory.builder(settings.sqsEndpoint().orElse(null), client.region(), client.callTimeout()),
                client.callTimeout()).build();
    }

    private ClaimCheck claimCheck(CamelContext context) throws Exception {
        if (settings.claimCheckBucket().isEmpty()) {
            return ClaimCheck.NONE;
        }
        ClaimCheckBucket bucket = settings.claimCheckBucket().get();
        S3Client s3 = StopsWithContext.closeOnStop(context,
                outside.connect(bucket.clientBuilder(settings.sqsClient().region()), bucket.callTimeout()).build());
        return bucket.claimCheck(settings.claimCheckThresholdBytes(), settings.ingest().maxMessageBytes(), s3);
    }
}
