package inbound.wiring;

import inbound.claimcheck.ClaimCheck;
import inbound.claimcheck.S3PayloadStore;
import inbound.settings.SettingsReader;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * The S3 bucket the claim check stores bodies in, in either shape, where {@code inbound.claim-check.bucket}
 * names one: its name, the endpoint of an S3-compatible server to use instead of AWS's, and how long one
 * call may take (a 202 waits for the PutObject). Each shape adds its own HTTP client and credentials to
 * {@link #clientBuilder}, as it does for SQS.
 *
 * @param endpoint empty: the region's Amazon S3
 */
public record ClaimCheckBucket(String name, Optional<URI> endpoint, Duration callTimeout) {

    /**
     * What a queued message needs besides its body, at most: the topic and the delivery id up to 255
     * characters each (up to 765 UTF-8 bytes), the other attributes a few hundred bytes, a dead letter's
     * reason on top. A body up to the message limit less this is queued as it is.
     */
    static final long ATTRIBUTES_ROOM_BYTES = 8192;
    /** S3's rule for bucket names: lower-case letters, digits, dots and hyphens, 3 to 63 of them, a letter or digit at each end. */
    private static final Pattern BUCKET_NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    public ClaimCheckBucket {
        if (!BUCKET_NAME.matcher(name).matches() || name.contains("..")) {
            throw new IllegalArgumentException("inbound.claim-check.bucket (INBOUND_CLAIM_CHECK_BUCKET) must be an S3 bucket name"
                    + " (3 to 63 lower-case letters, digits, dots and hyphens), was '" + name + "'");
        }
    }

    /** The bucket, or empty where none is set; an endpoint without a bucket is refused. */
    public static Optional<ClaimCheckBucket> read(SettingsReader settings) {
        Optional<String> name = settings.optionalText("inbound.claim-check.bucket");
        Optional<URI> endpoint = settings.optionalUri("inbound.claim-check.s3-endpoint");
        Duration callTimeout = settings.millis("inbound.claim-check.s3-call-timeout-ms", 1);
        return Optional.ofNullable(settings.build(() -> {
            if (name.isEmpty() && endpoint.isPresent()) {
                throw new IllegalArgumentException("inbound.claim-check.s3-endpoint (INBOUND_CLAIM_CHECK_S3_ENDPOINT) is set, but no"
                        + " inbound.claim-check.bucket (INBOUND_CLAIM_CHECK_BUCKET) to use it for");
            }
            return name.map(bucket -> new ClaimCheckBucket(bucket, endpoint, callTimeout)).orElse(null);
        }));
    }

    /** A client for the bucket's region, endpoint and call timeout; an S3-compatible server is addressed by path, as most of them need. */
    public S3ClientBuilder clientBuilder(String region) {
        S3ClientBuilder builder = S3Client.builder()
                .region(Region.of(region))
                .overrideConfiguration(override -> override.apiCallTimeout(callTimeout));
        endpoint.ifPresent(uri -> builder.endpointOverride(uri).forcePathStyle(true));
        return builder;
    }

    /** Bodies over {@code thresholdBytes} go to the bucket; unset, those that would not fit in a message of {@code maxMessageBytes}. */
    public ClaimCheck claimCheck(OptionalLong thresholdBytes, long maxMessageBytes, S3Client client) {
        long threshold = thresholdBytes.orElse(Math.max(0, maxMessageBytes - ATTRIBUTES_ROOM_BYTES));
        return new ClaimCheck(threshold, new S3PayloadStore(client, name));
    }
}
