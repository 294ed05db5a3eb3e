package inbound.claimcheck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Bodies as objects of one S3 bucket (or of an S3-compatible server's), one per key; the shape that
 * builds it gives it its client. S3 has the object durably once PutObject answers, so {@link #put}
 * needs no step of its own to make it outlive a crash. A failed read is no {@link PayloadUnavailable}:
 * S3 not answering is transient, and the worker leaves the message on the queue to come again rather
 * than dead-letter it; only an object that is not there reads as gone.
 */
public final class S3PayloadStore implements PayloadStore {

    private final S3Client s3;
    private final String bucket;

    public S3PayloadStore(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    @Override
    public String bucket() {
        return bucket;
    }

    @Override
    public void put(String key, byte[] body) {
        try {
            s3.putObject(request -> request.bucket(bucket).key(key).contentLength((long) body.length), RequestBody.fromBytes(body));
        } catch (SdkException e) {
            // what a full disk is to the file store: the provider is answered 503 and sends it again
            throw new UncheckedIOException(new IOException("could not store a payload in the bucket " + bucket + ": " + e.getMessage(), e));
        }
    }

    @Override
    public Optional<byte[]> get(String key) {
        try {
            return Optional.of(s3.getObjectAsBytes(request -> request.bucket(bucket).key(key)).asByteArray());
        } catch (NoSuchKeyException gone) {
            return Optional.empty();
        }
    }

    @Override
    public void delete(String key) {
        s3.deleteObject(request -> request.bucket(bucket).key(key));
    }
}
