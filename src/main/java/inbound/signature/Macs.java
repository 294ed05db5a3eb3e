package inbound.signature;

import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC computing and constant-time matching, shared by the schemes. */
public final class Macs {

    private Macs() {
    }

    /** Maps the names users write in provider files (sha1, sha256, sha512) to JCA MAC names. */
    public static String algorithmFor(String digest) {
        return switch (digest.toLowerCase(Locale.ROOT).replace("-", "")) {
            case "sha1" -> "HmacSHA1";
            case "sha256" -> "HmacSHA256";
            case "sha512" -> "HmacSHA512";
            default -> throw new IllegalArgumentException("unsupported algorithm '" + digest + "' (use sha1, sha256 or sha512)");
        };
    }

    public static byte[] mac(String algorithm, byte[] key, byte[]... parts) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key, algorithm));
            for (byte[] part : parts) {
                mac.update(part);
            }
            return mac.doFinal();
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC " + algorithm + " unavailable", e);
        }
    }

    /**
     * Whether any presented signature equals the MAC under any secret. Every pair is compared, with a
     * constant-time comparison, so the time taken tells nothing about which (if any) matched.
     */
    public static boolean anyMatches(List<byte[]> presented, List<byte[]> expected) {
        boolean matched = false;
        for (byte[] candidate : presented) {
            for (byte[] mac : expected) {
                matched |= MessageDigest.isEqual(candidate, mac);
            }
        }
        return matched;
    }
}
