package inbound.signature;

import inbound.support.Sha256;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Twilio: {@code X-Twilio-Signature} = base64 HMAC-SHA1, keyed with the auth token, over the full
 * public URL Twilio called, followed — for form posts — by every parameter sorted by name (name then
 * value, no separators). For JSON posts Twilio adds {@code bodySHA256=<hex>} to the URL and signs the
 * URL alone, so the body is checked against that hash. The public URL comes from configuration: behind
 * API Gateway or a proxy the URL this process sees is not the one Twilio signed.
 */
public final class TwilioSignatureScheme implements SignatureScheme {

    private final String header;
    private final String publicUrl;

    /** @param publicUrl the webhook's public URL without query, e.g. https://hooks.example.com/webhooks/twilio; null refuses all */
    public TwilioSignatureScheme(String header, String publicUrl) {
        this.header = header;
        this.publicUrl = publicUrl;
    }

    @Override
    public Verdict verify(SignedRequest request, List<byte[]> secrets) {
        Verdict headers = checkHeaders(request);
        if (!headers.verified()) {
            return headers;
        }
        byte[] presented;
        try {
            presented = Base64.getDecoder().decode(request.header(header).trim());
        } catch (IllegalArgumentException notBase64) {
            return Verdict.rejected("The signature is not base64.");
        }
        String signed;
        if (FormBodies.isForm(request.header("Content-Type"))) {
            if (!FormBodies.isWellFormed(new String(request.body(), StandardCharsets.UTF_8))) {
                return Verdict.rejected("The body is not well-formed form data.");
            }
            signed = url(request.query()) + sortedParameters(request.body());
        } else {
            String bodyHash = queryParameter(request.query(), "bodySHA256");
            if (bodyHash == null || !MessageDigest.isEqual(bodyHash.getBytes(StandardCharsets.US_ASCII),
                    Sha256.hex(request.body()).getBytes(StandardCharsets.US_ASCII))) {
                return Verdict.rejected("The bodySHA256 query parameter is missing or does not match the body.");
            }
            signed = url(request.query());
        }
        List<byte[]> expected = new ArrayList<>();
        for (byte[] secret : secrets) {
            expected.add(Macs.mac("HmacSHA1", secret, signed.getBytes(StandardCharsets.UTF_8)));
        }
        return Macs.anyMatches(List.of(presented), expected) ? Verdict.VERIFIED : Verdict.rejected("The signature does not match the request.");
    }

    @Override
    public Verdict checkHeaders(SignedRequest request) {
        if (publicUrl == null) {
            return Verdict.rejected("No public URL is configured for this Twilio provider, so its signatures cannot be checked.");
        }
        return request.header(header) == null ? Verdict.rejected("The " + header + " header is missing.") : Verdict.VERIFIED;
    }

    @Override
    public Map<String, String> sign(byte[] body, String query, byte[] secret, Instant now) {
        // a query with bodySHA256 is how Twilio posts JSON: the URL alone is signed; otherwise the body is a form
        String signed = queryParameter(query, "bodySHA256") != null ? url(query) : url(query) + sortedParameters(body);
        return Map.of(header, Base64.getEncoder().encodeToString(Macs.mac("HmacSHA1", secret, signed.getBytes(StandardCharsets.UTF_8))));
    }

    @Override
    public Optional<String> misconfiguration() {
        return publicUrl == null
                ? Optional.of("no public URL is configured (INBOUND_PROVIDER_<ID>_PUBLIC_URL), so no signature can be checked")
                : Optional.empty();
    }

    private String url(String query) {
        return query == null || query.isEmpty() ? publicUrl : publicUrl + "?" + query;
    }

    private static String sortedParameters(byte[] formBody) {
        StringBuilder parameters = new StringBuilder();
        for (Map.Entry<String, List<String>> parameter : FormBodies.parse(formBody).entrySet()) {
            parameter.getValue().stream().sorted().forEach(value -> parameters.append(parameter.getKey()).append(value));
        }
        return parameters.toString();
    }

    private static String queryParameter(String query, String name) {
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            if (pair.startsWith(name + "=")) {
                try {
                    return URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException badEscape) {
                    return null;
                }
            }
        }
        return null;
    }
}
