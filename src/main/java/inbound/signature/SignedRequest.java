package inbound.signature;

/** The parts of a request a signature can cover: its headers and its exact raw body. */
public interface SignedRequest {

    /** The header's value, or null when absent; names are matched case-insensitively. */
    String header(String name);

    byte[] body();
}
