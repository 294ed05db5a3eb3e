package inbound.signature;

/** The parts of a request a signature can cover: its headers, its query string and its exact raw body. */
public interface SignedRequest {

    /** The header's value, or null when absent; names are matched case-insensitively. */
    String header(String name);

    /** The raw query string (without '?'), or null when the request has none. */
    String query();

    byte[] body();
}
