package inbound.signature;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Standard Webhooks (Svix and the providers that follow the spec): {@code webhook-id},
 * {@code webhook-timestamp}, {@code webhook-signature: v1,<base64> [v1,<base64> ...]}, HMAC-SHA256 over
 * {@code "{id}.{timestamp}.{raw body}"} keyed with the base64-decoded part of {@code whsec_...}. The
 * {@code svix-*} header names are accepted too.
 */
public final class StandardWebhooksScheme implements SignatureScheme {

    private static final String SECRET_PREFIX = "whsec_";

    private final Duration tolerance;
    private final Clock clock;

    public StandardWebhooksScheme(Duration tolerance, Clock clock) {
        this.tolerance = tolerance;
        this.clock = clock;
    }

    @Override
    public Verdict verify(SignedRequest request, List<byte[]> secrets) {
        String id = either(request, "webhook-id", "svix-id");
        String timestamp = either(request, "webhook-timestamp", "svix-timestamp");
        String signatures = either(request, "webhook-signature", "svix-signature");
        if (id == null || signatures == null) {
            return Verdict.rejected("The webhook-id or webhook-signature header is missing.");
        }
        String stale = Timestamps.staleness(timestamp, clock, tolerance);
        if (stale != null) {
            return Verdict.rejected(stale);
        }
        List<byte[]> presented = new ArrayList<>();
        for (String entry : signatures.trim().split(" +")) {
            if (entry.startsWith("v1,")) {
                try {
                    presented.add(Base64.getDecoder().decode(entry.substring(3)));
                } catch (IllegalArgumentException notBase64) {
                    // matches nothing; the other entries may still
                }
            }
        }
        List<byte[]> expected = new ArrayList<>();
        for (byte[] secret : secrets) {
            byte[] key = key(secret);
            if (key != null) {
                expected.add(mac(key, id, timestamp, request.body()));
            }
        }
        return Macs.anyMatches(presented, expected) ? Verdict.VERIFIED : Verdict.rejected("The signature does not match the body.");
    }

    @Override
    public Verdict checkHeaders(SignedRequest request) {
        if (either(request, "webhook-id", "svix-id") == null || either(request, "webhook-signature", "svix-signature") == null) {
            return Verdict.rejected("The webhook-id or webhook-signature header is missing.");
        }
        String stale = Timestamps.staleness(either(request, "webhook-timestamp", "svix-timestamp"), clock, tolerance);
        return stale == null ? Verdict.VERIFIED : Verdict.rejected(stale);
    }

    @Override
    public Map<String, String> sign(byte[] body, String query, byte[] secret, Instant now) {
        String id = "msg_" + UUID.randomUUID().toString().replace("-", "");
        String timestamp = String.valueOf(now.getEpochSecond());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("webhook-id", id);
        headers.put("webhook-timestamp", timestamp);
        headers.put("webhook-signature", "v1," + Base64.getEncoder().encodeToString(mac(key(secret), id, timestamp, body)));
        return headers;
    }

    /** The signing key: the base64 after {@code whsec_}; null when the configured secret is not one (an empty key is none). */
    private static byte[] key(byte[] secret) {
        String text = new String(secret, StandardCharsets.UTF_8);
        try {
            byte[] key = Base64.getDecoder().decode(text.startsWith(SECRET_PREFIX) ? text.substring(SECRET_PREFIX.length()) : text);
            return key.length == 0 ? null : key;
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }

    private static byte[] mac(byte[] key, String id, String timestamp, byte[] body) {
        return Macs.mac("HmacSHA256", key, (id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8), body);
    }

    private static String either(SignedRequest request, String name, String alternative) {
        String value = request.header(name);
        return value != null ? value : request.header(alternative);
    }
}
