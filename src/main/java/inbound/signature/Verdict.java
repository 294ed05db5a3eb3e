package inbound.signature;

/** Whether a request's signature holds, and if not, a human sentence why (never a secret or the payload). */
public record Verdict(boolean verified, String reason) {

    public static final Verdict VERIFIED = new Verdict(true, null);

    public static Verdict rejected(String reason) {
        return new Verdict(false, reason);
    }
}
