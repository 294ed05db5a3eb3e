package inbound.signature;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Stripe: {@code Stripe-Signature: t=<unix>,v1=<hex>[,v1=<hex>...]}, HMAC-SHA256 over
 * {@code "{t}.{raw body}"} keyed with the whole {@code whsec_...} string; any v1 may match.
 */
public final class StripeSignatureScheme implements SignatureScheme {

    private final String header;
    private final Duration tolerance;
    private final Clock clock;

    public StripeSignatureScheme(String header, Duration tolerance, Clock clock) {
        this.header = header;
        this.tolerance = tolerance;
        this.clock = clock;
    }

    @Override
    public Verdict verify(SignedRequest request, List<byte[]> secrets) {
        Verdict headers = checkHeaders(request);
        if (!headers.verified()) {
            return headers;
        }
        PresentedSignature presented = PresentedSignature.parse(request.header(header));
        List<byte[]> expected = new ArrayList<>();
        for (byte[] secret : secrets) {
            expected.add(mac(secret, presented.timestamp(), request.body()));
        }
        return Macs.anyMatches(presented.signatures(), expected) ? Verdict.VERIFIED : Verdict.rejected("The signature does not match the body.");
    }

    @Override
    public Verdict checkHeaders(SignedRequest request) {
        String value = request.header(header);
        if (value == null) {
            return Verdict.rejected("The " + header + " header is missing.");
        }
        PresentedSignature presented = PresentedSignature.parse(value);
        String stale = Timestamps.staleness(presented.timestamp(), clock, tolerance);
        if (stale != null) {
            return Verdict.rejected(stale);
        }
        return presented.signatures().isEmpty() ? Verdict.rejected("The " + header + " header has no v1 signature.") : Verdict.VERIFIED;
    }

    @Override
    public Map<String, String> sign(byte[] body, String query, byte[] secret, Instant now) {
        String timestamp = String.valueOf(now.getEpochSecond());
        return Map.of(header, "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(mac(secret, timestamp, body)));
    }

    /** The header's timestamp and its readable v1 signatures (an unreadable one matches nothing; the others still may). */
    private record PresentedSignature(String timestamp, List<byte[]> signatures) {

        static PresentedSignature parse(String value) {
            String timestamp = null;
            List<byte[]> signatures = new ArrayList<>();
            for (String element : value.split(",")) {
                String[] pair = element.trim().split("=", 2);
                if (pair.length != 2) {
                    continue;
                }
                if (pair[0].equals("t")) {
                    timestamp = pair[1];
                } else if (pair[0].equals("v1")) {
                    try {
                        signatures.add(HexFormat.of().parseHex(pair[1].toLowerCase(Locale.ROOT)));
                    } catch (IllegalArgumentException notHex) {
                        // skipped: see the record's comment
                    }
                }
            }
            return new PresentedSignature(timestamp, signatures);
        }
    }

    private static byte[] mac(byte[] secret, String timestamp, byte[] body) {
        return Macs.mac("HmacSHA256", secret, (timestamp + ".").getBytes(StandardCharsets.UTF_8), body);
    }
}
