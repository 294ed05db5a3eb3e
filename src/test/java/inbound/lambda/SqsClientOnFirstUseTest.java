package inbound.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The worker's SQS client: built on its first call, once; closing it unbuilt builds nothing. */
class SqsClientOnFirstUseTest {

    private final AtomicInteger built = new AtomicInteger();

    private SqsClient build() {
        built.incrementAndGet();
        return SqsClient.builder().region(Region.US_EAST_1).httpClient(new PrimingHttpClient())
                .credentialsProvider(AnonymousCredentialsProvider.create()).build();
    }

    @Test
    void itIsBuiltOnItsFirstCallAndOnlyOnce() {
        SqsClient sqs = SqsClientOnFirstUse.of(this::build);
        assertThat(built).hasValue(0);

        assertThat(sqs.getQueueUrl(request -> request.queueName("webhook-events.fifo")).queueUrl()).endsWith("/webhook-events.fifo");
        sqs.getQueueUrl(request -> request.queueName("webhook-events-dlq.fifo"));

        assertThat(built).hasValue(1);
        sqs.close();
    }

    @Test
    void closingItUnbuiltBuildsNothing() {
        SqsClientOnFirstUse.of(this::build).close();

        assertThat(built).hasValue(0);
    }
}
