package inbound.signature;

import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * An HMAC of the raw body carried in one header, optionally after a fixed prefix
 * (GitHub: {@code sha256=<hex>}; Shopify: plain base64).
 */
public final class HmacSignatureScheme implements SignatureScheme {

    public enum Encoding { HEX, BASE64 }

    private final String header;
    private final String macAlgorithm;
    private final Encoding encoding;
    private final String prefix;

    public HmacSignatureScheme(String header, String macAlgorithm, Encoding encoding, String prefix) {
        this.header = header;
        this.macAlgorithm = macAlgorithm;
        this.encoding = encoding;
        this.prefix = prefix == null ? "" : prefix;
        newMac();
    }

    /** Maps the names users write in provider files (sha1, sha256, sha512) to JCA MAC names. */
    public static String macAlgorithmFor(String digest) {
        return switch (digest.toLowerCase(Locale.ROOT).replace("-", "")) {
            case "sha1" -> "HmacSHA1";
            case "sha256" -> "HmacSHA256";
            case "sha512" -> "HmacSHA512";
            default -> throw new IllegalArgumentException("unsupported algorithm '" + digest + "' (use sha1, sha256 or sha512)");
        };
    }

    @Override
    public boolean verify(SignedRequest request, List<byte[]> secrets) {
        byte[] presented = presentedSignature(request.header(header));
        if (presented == null) {
            return false;
        }
        boolean matched = false;
        for (byte[] secret : secrets) {
            // every secret is tried, so the time taken does not tell which one (if any) matched
            matched |= MessageDigest.isEqual(mac(secret, request.body()), presented);
        }
        return matched;
    }

    @Override
    public Map<String, String> sign(byte[] body, byte[] secret) {
        byte[] mac = mac(secret, body);
        String encoded = encoding == Encoding.HEX ? HexFormat.of().formatHex(mac) : Base64.getEncoder().encodeToString(mac);
        return Map.of(header, prefix + encoded);
    }

    private byte[] presentedSignature(String value) {
        if (value == null || !value.startsWith(prefix)) {
            return null;
        }
        String encoded = value.substring(prefix.length()).trim();
        try {
            return encoding == Encoding.HEX ? HexFormat.of().parseHex(encoded.toLowerCase(Locale.ROOT)) : Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException notEncodedAsExpected) {
            return null;
        }
    }

    private byte[] mac(byte[] secret, byte[] body) {
        Mac mac = newMac();
        try {
            mac.init(new SecretKeySpec(secret, macAlgorithm));
        } catch (InvalidKeyException e) {
            throw new IllegalStateException("HMAC key rejected", e);
        }
        return mac.doFinal(body);
    }

    private Mac newMac() {
        try {
            return Mac.getInstance(macAlgorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalArgumentException("unsupported MAC algorithm " + macAlgorithm, e);
        }
    }
}
