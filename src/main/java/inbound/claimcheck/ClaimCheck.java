package inbound.claimcheck;

import inbound.support.Sha256;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which bodies are stored aside instead of queued, and the way to them: a body over the threshold is
 * stored under its event id and content hash before it is queued ({@link #store}), the queued message
 * carries a {@link PayloadPointer} instead, every reader takes the body back from the store
 * ({@link #read}), and the stored body goes only once its event is processed and its message deleted
 * ({@link #release}) — never while the event waits in the dead letters.
 */
public final class ClaimCheck {

    /** Exchange property: the pointer of the message a worker exchange read its body from; released once that message is deleted. */
    public static final String POINTER_PROPERTY = "inbound.payloadPointer";
    /** Where no body is stored aside (a configured queue without a threshold or a bucket, Lambda without a bucket): every body is queued as it is. */
    public static final ClaimCheck NONE = new ClaimCheck(Long.MAX_VALUE, null);

    private static final Logger LOG = LoggerFactory.getLogger(ClaimCheck.class);
    private static final int HASH_LENGTH = 64;
    /** An event id is a UUID in its text form. */
    private static final int EVENT_ID_LENGTH = 36;

    private final long thresholdBytes;
    private final PayloadStore store;

    /** Bodies over {@code thresholdBytes} go to {@code store}. */
    public ClaimCheck(long thresholdBytes, PayloadStore store) {
        if (thresholdBytes < 0) {
            throw new IllegalArgumentException("the claim check's threshold must be at least 0 bytes, was " + thresholdBytes);
        }
        this.thresholdBytes = thresholdBytes;
        this.store = store;
    }

    /** Whether a body of this many bytes is stored aside rather than queued. */
    public boolean storesAside(long bodyBytes) {
        return store != null && bodyBytes > thresholdBytes;
    }

    /**
     * What a body of this many bytes adds to its queued message, as SQS counts it: itself, or its pointer
     * and the pointer's size attribute.
     */
    public long queuedBytes(long bodyBytes) {
        if (!storesAside(bodyBytes)) {
            return bodyBytes;
        }
        return queuedBodyBytes(bodyBytes) + PayloadPointer.SIZE_ATTRIBUTE.length() + "String".length() + String.valueOf(bodyBytes).length();
    }

    /** The queued message's body for a body of this many bytes: itself, or its pointer (at its longest). */
    public long queuedBodyBytes(long bodyBytes) {
        if (!storesAside(bodyBytes)) {
            return bodyBytes;
        }
        String longestKey = "0".repeat(EVENT_ID_LENGTH) + "." + "0".repeat(HASH_LENGTH);
        return new PayloadPointer(store.bucket(), longestKey).toBody().length();
    }

    /** Stores the body durably and answers the pointer to queue in its place; a retried delivery stores the same key again. */
    public PayloadPointer store(String eventId, byte[] body) {
        String key = eventId + "." + Sha256.hex(body);
        store.put(key, body);
        return new PayloadPointer(store.bucket(), key);
    }

    /**
     * The stored body a pointer names, checked against the content hash in its key; empty when it is no
     * longer stored (its event was processed since).
     *
     * @throws PayloadUnavailable when it names a store this Inbound does not read, or the stored bytes are not the body it names
     */
    public Optional<String> read(PayloadPointer pointer) {
        if (store == null || !store.bucket().equals(pointer.bucket())) {
            throw new PayloadUnavailable("The payload is stored in '" + pointer.bucket() + "', which this Inbound does not read.");
        }
        Optional<byte[]> stored = store.get(pointer.key());
        stored.ifPresent(body -> {
            String key = pointer.key();
            if (key.length() < HASH_LENGTH || !key.endsWith(Sha256.hex(body))) {
                throw new PayloadUnavailable("The stored payload " + key + " is damaged: its bytes do not match its hash.");
            }
        });
        return stored.map(body -> new String(body, StandardCharsets.UTF_8));
    }

    /**
     * Removes a stored body whose event is done with it; a pointer to another store is left alone. A body
     * the store cannot remove now is left, with a warning, never a failure of what released it: its event
     * is done, so it costs only its storage until the start's sweep (files) or the bucket's lifecycle rule
     * removes it.
     */
    public void release(PayloadPointer pointer) {
        if (store == null || !store.bucket().equals(pointer.bucket())) {
            return;
        }
        try {
            store.delete(pointer.key());
        } catch (RuntimeException notRemoved) {
            LOG.warn("A processed event's stored payload {} could not be removed: {}", pointer.key(), notRemoved.getMessage());
        }
    }
}
