package inbound.signature;

import java.util.List;
import java.util.Map;

/** How one provider signs its webhooks, both ways: checking a request and producing a signed one. */
public interface SignatureScheme {

    /** True when the request carries a signature made over its raw body with one of the secrets. */
    boolean verify(SignedRequest request, List<byte[]> secrets);

    /** The headers a correctly signed request with this body carries (for the sample curl, tests and benchmarks). */
    Map<String, String> sign(byte[] body, byte[] secret);
}
