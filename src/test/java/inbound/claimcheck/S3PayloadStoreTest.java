package inbound.claimcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import inbound.testing.FreePort;
import inbound.testing.S3Server;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** The claim check over an S3 bucket of a real S3-compatible server on loopback. */
class S3PayloadStoreTest {

    @TempDir
    static Path dir;
    private static S3Server s3;

    @BeforeAll
    static void startS3() {
        s3 = S3Server.start("inbound-payloads", dir.resolve("s3"));
    }

    @AfterAll
    static void stopS3() {
        s3.close();
    }

    private static ClaimCheck claimCheck() {
        return new ClaimCheck(0, new S3PayloadStore(s3.client(), s3.bucket()));
    }

    @Test
    void shouldStoreABodyAsAnObjectAndReadItBackByteForByte() {
        byte[] body = new byte[5 * 1024 * 1024];
        new Random(19).nextBytes(body);
        String json = "{\"blob\": \"" + Base64.getEncoder().encodeToString(body) + "\", \"note\": \"caf\u00e9 \u2713\"}";

        PayloadPointer pointer = claimCheck().store("3f2c7a1e-0000-4000-8000-000000000019", json.getBytes(StandardCharsets.UTF_8));

        assertThat(pointer.bucket()).isEqualTo("inbound-payloads");
        assertThat(s3.keys()).contains(pointer.key());
        assertThat(s3.object(pointer.key())).hasValueSatisfying(stored -> assertThat(stored).isEqualTo(json.getBytes(StandardCharsets.UTF_8)));
        assertThat(claimCheck().read(pointer)).contains(json);
    }

    @Test
    void shouldReadAReleasedBodyAsGone() {
        PayloadPointer pointer = claimCheck().store("3f2c7a1e-0000-4000-8000-000000000020", "{\"id\": 20}".getBytes(StandardCharsets.UTF_8));

        claimCheck().release(pointer);
        claimCheck().release(pointer);

        assertThat(s3.keys()).doesNotContain(pointer.key());
        assertThat(claimCheck().read(pointer)).isEmpty();
    }

    @Test
    void shouldRefuseAnObjectWhoseBytesAreNotTheBodyItsKeyNames() {
        PayloadPointer pointer = claimCheck().store("3f2c7a1e-0000-4000-8000-000000000021", "{\"id\": 21}".getBytes(StandardCharsets.UTF_8));
        s3.client().putObject(request -> request.bucket(s3.bucket()).key(pointer.key()),
                RequestBody.fromString("{\"id\": 666}"));

        assertThatThrownBy(() -> claimCheck().read(pointer)).isInstanceOf(PayloadUnavailable.class).hasMessageContaining("damaged");
    }

    @Test
    void shouldAnswerABucketThatDoesNotTakeTheBodyAsAFailureToStore() {
        ClaimCheck elsewhere = new ClaimCheck(0, new S3PayloadStore(s3.client(), "no-such-bucket"));

        assertThatThrownBy(() -> elsewhere.store("3f2c7a1e-0000-4000-8000-000000000022", "{}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("no-such-bucket");
    }

    @Test
    void shouldLeaveABodyItCannotRemoveWithoutFailingWhatReleasesIt() {
        PayloadPointer pointer = claimCheck().store("3f2c7a1e-0000-4000-8000-000000000023", "{\"id\": 23}".getBytes(StandardCharsets.UTF_8));
        ClaimCheck unreachable = new ClaimCheck(0, new S3PayloadStore(S3Client.builder()
                .region(Region.US_EAST_1)
                .endpointOverride(URI.create("http://127.0.0.1:" + FreePort.find()))
                .forcePathStyle(true)
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(S3Server.ACCESS_KEY, S3Server.SECRET_KEY)))
                .overrideConfiguration(override -> override.apiCallTimeout(Duration.ofSeconds(5)))
                .build(), s3.bucket()));

        unreachable.release(pointer);

        assertThat(s3.keys()).as("left for the lifecycle rule").contains(pointer.key());
    }
}
