package inbound.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import inbound.claimcheck.ClaimCheck;
import inbound.settings.InvalidSettings;
import inbound.settings.SettingsReader;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/** How the claim check's bucket is read from the settings, and which bodies go to it. */
class ClaimCheckBucketTest {

    private static Optional<ClaimCheckBucket> read(Map<String, String> properties) {
        Map<String, String> all = new HashMap<>(Map.of("inbound.claim-check.s3-call-timeout-ms", "10000"));
        all.putAll(properties);
        SettingsReader settings = new SettingsReader(key -> Optional.ofNullable(all.get(key)));
        Optional<ClaimCheckBucket> bucket = ClaimCheckBucket.read(settings);
        settings.requireValid();
        return bucket;
    }

    @Test
    void shouldReadNoBucketWhereNoneIsNamed() {
        assertThat(read(Map.of())).isEmpty();
    }

    @Test
    void shouldReadTheBucketItsEndpointAndItsCallTimeout() {
        assertThat(read(Map.of("inbound.claim-check.bucket", "inbound-payloads-1a2b", "inbound.claim-check.s3-endpoint", "http://127.0.0.1:9090")))
                .contains(new ClaimCheckBucket("inbound-payloads-1a2b", Optional.of(URI.create("http://127.0.0.1:9090")), Duration.ofSeconds(10)));
    }

    @Test
    void shouldRefuseANameS3WouldRefuse() {
        for (String name : new String[] {"Payloads", "pa", "inbound_payloads", "inbound..payloads", "-inbound", "inbound:data-dir"}) {
            assertThatThrownBy(() -> read(Map.of("inbound.claim-check.bucket", name))).as(name)
                    .isInstanceOf(InvalidSettings.class).hasMessageContaining("INBOUND_CLAIM_CHECK_BUCKET").hasMessageContaining(name);
        }
    }

    @Test
    void shouldRefuseAnEndpointWithoutABucket() {
        assertThatThrownBy(() -> read(Map.of("inbound.claim-check.s3-endpoint", "http://127.0.0.1:9090")))
                .isInstanceOf(InvalidSettings.class).hasMessageContaining("INBOUND_CLAIM_CHECK_S3_ENDPOINT");
    }

    @Test
    void shouldStoreWithoutAThresholdTheBodiesThatWouldNotFitInAMessageWithTheirAttributes() {
        ClaimCheckBucket bucket = read(Map.of("inbound.claim-check.bucket", "inbound-payloads")).orElseThrow();
        try (S3Client client = bucket.clientBuilder("us-east-1").build()) {
            ClaimCheck unset = bucket.claimCheck(OptionalLong.empty(), 1_048_576, client);
            assertThat(unset.storesAside(1_048_576 - 8192)).isFalse();
            assertThat(unset.storesAside(1_048_576 - 8191)).isTrue();
            assertThat(bucket.claimCheck(OptionalLong.of(0), 1_048_576, client).storesAside(1)).isTrue();
        }
    }
}
