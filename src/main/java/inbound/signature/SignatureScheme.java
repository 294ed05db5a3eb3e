package inbound.signature;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** How one provider signs its webhooks, both ways: checking a request and producing a signed one. */
public interface SignatureScheme {

    /**
     * Whether the request carries a signature made over its raw body with one of the secrets (all of
     * them are tried, so the time taken does not tell which matched), and a timestamp within tolerance
     * where the scheme signs one.
     */
    Verdict verify(SignedRequest request, List<byte[]> secrets);

    /**
     * What the headers alone can prove, for a check in front of the body (API Gateway's authorizer
     * never sees it): the signature headers are present and in their form, and a signed timestamp is
     * within tolerance. Passing this proves nothing about the signature itself.
     */
    Verdict checkHeaders(SignedRequest request);

    /**
     * The headers a correctly signed request with this body and query carries at {@code now}: for the
     * sample curl, the tests and the benchmark.
     */
    Map<String, String> sign(byte[] body, String query, byte[] secret, Instant now);

    /** Why this scheme, as configured, must refuse every request (said once at start-up), if it must. */
    default Optional<String> misconfiguration() {
        return Optional.empty();
    }
}
