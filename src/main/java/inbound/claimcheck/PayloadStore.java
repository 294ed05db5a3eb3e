package inbound.claimcheck;

import java.util.Optional;

/** Where bodies too large for the queue, or all bodies of the embedded queue, are kept while their event is queued or dead-lettered. */
public interface PayloadStore {

    /** The name a pointer to this store carries as its bucket. */
    String bucket();

    /** Stores the body under {@code key}, durably before it returns; storing the same body again is harmless. */
    void put(String key, byte[] body);

    /** The body stored under {@code key}, if it is there. */
    Optional<byte[]> get(String key);

    /** Removes the body under {@code key}; one already gone is no failure. */
    void delete(String key);
}
