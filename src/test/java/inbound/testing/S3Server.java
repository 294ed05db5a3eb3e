package inbound.testing;

import com.adobe.testing.s3mock.S3MockApplication;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * An S3-compatible server in this JVM (Adobe's S3Mock) with one empty bucket, its objects in a folder of
 * the test's, for the claim check's S3 store; and a client of the test's own to look into the bucket.
 * It takes any credentials. Only its HTTPS port takes {@code server.address}; its plain HTTP port, the
 * one used here, listens on every address (S3Mock 3.12 sets no host on it), reached on 127.0.0.1 only.
 */
public final class S3Server implements AutoCloseable {

    /** Credentials for a client of this server, which does not check them. */
    public static final String ACCESS_KEY = "s3-test";
    public static final String SECRET_KEY = "s3-test-secret";

    private final S3MockApplication application;
    private final String bucket;
    private final S3Client client;

    private S3Server(S3MockApplication application, String bucket) {
        this.application = application;
        this.bucket = bucket;
        this.client = S3Client.builder()
                .region(Region.US_EAST_1)
                .endpointOverride(endpoint())
                .forcePathStyle(true)
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .build();
    }

    /** Starts the server with the empty bucket {@code bucket}, keeping its objects under {@code root}. */
    public static S3Server start(String bucket, Path root) {
        // Spring Boot would otherwise configure the test JVM's logging anew, and test log captures with it
        System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
        // a map it may change: S3Mock takes its own entries out of it
        S3MockApplication application = S3MockApplication.start(new HashMap<>(Map.of(
                S3MockApplication.PROP_INITIAL_BUCKETS, bucket,
                S3MockApplication.PROP_ROOT_DIRECTORY, root.toString(),
                S3MockApplication.PROP_HTTP_PORT, S3MockApplication.RANDOM_PORT,
                S3MockApplication.PROP_HTTPS_PORT, S3MockApplication.RANDOM_PORT,
                "server.address", "127.0.0.1",
                S3MockApplication.PROP_SILENT, true)));
        return new S3Server(application, bucket);
    }

    /** The plain HTTP endpoint, addressed by path ({@code http://127.0.0.1:<port>/<bucket>/<key>}). */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + application.getHttpPort());
    }

    public String bucket() {
        return bucket;
    }

    /** The environment that points Inbound's claim check at this server's bucket, with credentials for it. */
    public Map<String, String> inboundEnvironment() {
        return Map.of(
                "INBOUND_CLAIM_CHECK_BUCKET", bucket,
                "INBOUND_CLAIM_CHECK_S3_ENDPOINT", endpoint().toString(),
                "AWS_ACCESS_KEY_ID", ACCESS_KEY,
                "AWS_SECRET_ACCESS_KEY", SECRET_KEY);
    }

    /** The keys of the bucket's objects. */
    public List<String> keys() {
        return client.listObjectsV2Paginator(request -> request.bucket(bucket)).contents().stream().map(S3Object::key).toList();
    }

    /** The object under {@code key}, if there is one. */
    public Optional<byte[]> object(String key) {
        try {
            return Optional.of(client.getObjectAsBytes(request -> request.bucket(bucket).key(key)).asByteArray());
        } catch (NoSuchKeyException gone) {
            return Optional.empty();
        }
    }

    /** A client of the test's own for the server. */
    public S3Client client() {
        return client;
    }

    @Override
    public void close() {
        client.close();
        application.stop();
    }
}
