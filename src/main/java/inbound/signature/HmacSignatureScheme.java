package inbound.signature;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The generic HMAC scheme: one header carries the MAC (hex or base64, after an optional prefix) of a
 * signed content — the raw body, or a template around it with an optional timestamp header, whose age
 * is checked against a tolerance. GitHub, Shopify and Slack are all instances of it.
 */
public final class HmacSignatureScheme implements SignatureScheme {

    public enum Encoding { HEX, BASE64 }

    /** Everything a provider file can say about an HMAC signature. */
    public record Settings(String header, String macAlgorithm, Encoding encoding, String prefix,
            String timestampHeader, Duration tolerance, SignedContent content) {
    }

    private final Settings settings;
    private final Clock clock;

    public HmacSignatureScheme(Settings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        Macs.mac(settings.macAlgorithm(), new byte[] {0});
    }

    @Override
    public Verdict verify(SignedRequest request, List<byte[]> secrets) {
        String timestamp = null;
        if (settings.timestampHeader() != null) {
            timestamp = request.header(settings.timestampHeader());
            String stale = Timestamps.staleness(timestamp, clock, settings.tolerance());
            if (stale != null) {
                return Verdict.rejected(stale);
            }
        }
        byte[] presented = presentedSignature(request.header(settings.header()));
        byte[][] content = settings.content().render(request, timestamp);
        if (presented == null || content == null) {
            return Verdict.rejected("The signature is missing or not in the expected form.");
        }
        List<byte[]> expected = new ArrayList<>();
        for (byte[] secret : secrets) {
            expected.add(Macs.mac(settings.macAlgorithm(), secret, content));
        }
        return Macs.anyMatches(List.of(presented), expected) ? Verdict.VERIFIED : Verdict.rejected("The signature does not match the body.");
    }

    @Override
    public Verdict checkHeaders(SignedRequest request) {
        if (settings.timestampHeader() != null) {
            String stale = Timestamps.staleness(request.header(settings.timestampHeader()), clock, settings.tolerance());
            if (stale != null) {
                return Verdict.rejected(stale);
            }
        }
        String value = request.header(settings.header());
        return value != null && value.startsWith(settings.prefix())
                ? Verdict.VERIFIED : Verdict.rejected("The signature is missing or not in the expected form.");
    }

    @Override
    public Map<String, String> sign(byte[] body, String query, byte[] secret, Instant now) {
        Map<String, String> headers = new LinkedHashMap<>();
        String timestamp = String.valueOf(now.getEpochSecond());
        if (settings.timestampHeader() != null) {
            headers.put(settings.timestampHeader(), timestamp);
        }
        SignedRequest request = SignedRequest.of(headers, query, body);
        byte[] mac = Macs.mac(settings.macAlgorithm(), secret, settings.content().render(request, timestamp));
        String encoded = settings.encoding() == Encoding.HEX ? HexFormat.of().formatHex(mac) : Base64.getEncoder().encodeToString(mac);
        headers.put(settings.header(), settings.prefix() + encoded);
        return headers;
    }

    private byte[] presentedSignature(String value) {
        if (value == null || !value.startsWith(settings.prefix())) {
            return null;
        }
        String encoded = value.substring(settings.prefix().length()).trim();
        try {
            return settings.encoding() == Encoding.HEX
                    ? HexFormat.of().parseHex(encoded.toLowerCase(Locale.ROOT))
                    : Base64.getDecoder().decode(encoded.getBytes(StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException notEncodedAsExpected) {
            return null;
        }
    }
}
