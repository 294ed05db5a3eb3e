package inbound.ingest;

/**
 * A webhook Inbound refuses, with the HTTP status and error code the provider is answered with.
 * The message is a human sentence that never contains the payload or a secret.
 */
public class IngestRefusal extends RuntimeException {

    private final int status;
    private final String code;

    public IngestRefusal(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    public static IngestRefusal unknownProvider(String provider) {
        return new IngestRefusal(404, "unknown_provider", "No provider named '" + provider + "' is configured.");
    }

    public static IngestRefusal bodyTooLarge(long maxBytes) {
        return new IngestRefusal(413, "body_too_large", "The body is larger than the limit of " + maxBytes + " bytes.");
    }

    public static IngestRefusal unauthorized(String why) {
        return new IngestRefusal(401, "invalid_signature", why);
    }

    public static IngestRefusal wrongApiKey() {
        return new IngestRefusal(401, "invalid_api_key", "The API key is missing or wrong.");
    }

    public static IngestRefusal malformed(String why) {
        return new IngestRefusal(400, "malformed_body", why);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
