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

    public static IngestRefusal unsupportedCharacter(int codePoint) {
        return new IngestRefusal(400, "unsupported_characters", String.format("The body contains U+%04X, a character the queue cannot carry.", codePoint));
    }

    /** A topic or delivery id no provider sends: {@code why} is a sentence about it that does not quote it. */
    public static IngestRefusal invalidMetadata(String why) {
        return new IngestRefusal(400, "invalid_metadata", why);
    }

    public static IngestRefusal messageTooLarge(long bytes, long maxBytes) {
        return new IngestRefusal(413, "message_too_large",
                "The body and its metadata take " + bytes + " bytes, more than the queue's message limit of " + maxBytes + " bytes.");
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
