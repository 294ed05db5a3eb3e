package inbound.server;

import inbound.claimcheck.ClaimCheck;
import inbound.embedded.EmbeddedSqsServer;
import inbound.embedded.FilePayloadStore;
import inbound.settings.SettingsReader;
import inbound.support.StopsWithContext;
import inbound.wiring.ClaimCheckBucket;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.camel.CamelContext;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Which bodies the server shape stores aside, and where: in the S3 bucket {@code inbound.claim-check.bucket}
 * where one is set, else in {@code payloads/} of its data directory; those over
 * {@code inbound.claim-check.threshold-bytes}. Unset, every body of the embedded queue (whose messages
 * live in this heap); with a configured queue, those that would not fit in a message where a bucket is
 * set, else none.
 */
record ClaimCheckSettings(OptionalLong thresholdBytes, Path payloadFolder, Optional<ClaimCheckBucket> bucket) {

    static ClaimCheckSettings read(SettingsReader settings) {
        return new ClaimCheckSettings(settings.optionalNumber("inbound.claim-check.threshold-bytes", 0),
                Path.of(settings.text("inbound.data-dir")).resolve("payloads"), ClaimCheckBucket.read(settings));
    }

    /** @param region the region of the bucket's client, that of SQS's */
    ClaimCheck claimCheck(CamelContext context, QueueLocation location, long maxMessageBytes, String region) throws Exception {
        OptionalLong threshold = location instanceof QueueLocation.Embedded ? OptionalLong.of(thresholdBytes.orElse(0)) : thresholdBytes;
        if (bucket.isPresent()) {
            S3Client s3 = StopsWithContext.closeOnStop(context, bucket.get().clientBuilder(region)
                    .httpClientBuilder(EmbeddedSqsServer.httpClient(bucket.get().callTimeout()))
                    .credentialsProvider(DefaultCredentialsProvider.builder().build())
                    .build());
            return bucket.get().claimCheck(threshold, maxMessageBytes, s3);
        }
        return threshold.isPresent() ? new ClaimCheck(threshold.getAsLong(), new FilePayloadStore(payloadFolder)) : ClaimCheck.NONE;
    }
}
