package inbound.server;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bounds the bytes of webhook bodies held at once. A webhook is read whole before its signature is
 * checked and is held several times over while it is worked on, so a bound on the webhooks at once
 * ({@link IngestConcurrencyLimit}) does not bound the heap they take: a few of the largest would fill it.
 * Before its body is read, a webhook takes its declared Content-Length from the budget, or the largest
 * body accepted where it declares none (a chunked body's length is not known until it has arrived); one
 * that does not fit is answered 503 queue_busy with Retry-After at once, and its body is never read.
 */
final class IngestBodyBudget extends IngestAdmission {

    private final long maxBytesInFlight;
    private final long maxBodyBytes;
    private final AtomicLong inFlight = new AtomicLong();

    IngestBodyBudget(int httpPort, long maxBytesInFlight, long maxBodyBytes, int retryAfterSeconds) {
        super(httpPort, retryAfterSeconds);
        this.maxBytesInFlight = maxBytesInFlight;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    long take(HttpServerRequest request) {
        long share = share(request);
        if (inFlight.addAndGet(share) > maxBytesInFlight) {
            inFlight.addAndGet(-share);
            return -1;
        }
        return share;
    }

    @Override
    void giveBack(long taken) {
        inFlight.addAndGet(-taken);
    }

    /**
     * What a request's body may take: its declared length, but nothing for one longer than the largest
     * body accepted, which the body limit refuses (413) from its Content-Length without reading it.
     */
    private long share(HttpServerRequest request) {
        String declared = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        try {
            long length = declared == null ? maxBodyBytes : Long.parseLong(declared.trim());
            if (length >= 0) {
                return length > maxBodyBytes ? 0 : length;
            }
        } catch (NumberFormatException notALength) {
            // taken as the largest, below
        }
        return maxBodyBytes;
    }
}
