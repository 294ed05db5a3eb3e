package inbound.ingest;

import inbound.support.Refusal;

/**
 * The refusals of a webhook, with the HTTP status and error code the provider is answered with: what is
 * wrong with the request (4xx), and what Inbound cannot do now (503, to be retried).
 */
public final class IngestRefusals {

    private IngestRefusals() {
    }

    public static Refusal unknownProvider(String provider) {
        return new Refusal(404, "unknown_provider", "No provider named '" + provider + "' is configured.");
    }

    public static Refusal bodyTooLarge(long maxBytes) {
        return new Refusal(413, "body_too_large", "The body is larger than the limit of " + maxBytes + " bytes.");
    }

    public static Refusal unauthorized(String why) {
        return new Refusal(401, "invalid_signature", why);
    }

    public static Refusal wrongApiKey() {
        return new Refusal(401, "invalid_api_key", "The API key is missing or wrong.");
    }

    public static Refusal malformed(String why) {
        return new Refusal(400, "malformed_body", why);
    }

    public static Refusal unsupportedCharacter(int codePoint) {
        return new Refusal(400, "unsupported_characters", String.format("The body contains U+%04X, a character the queue cannot carry.", codePoint));
    }

    /** A topic or delivery id no provider sends: {@code why} is a sentence about it that does not quote it. */
    public static Refusal invalidMetadata(String why) {
        return new Refusal(400, "invalid_metadata", why);
    }

    public static Refusal messageTooLarge(long bytes, long maxBytes) {
        return new Refusal(413, "message_too_large",
                "The body and its metadata take " + bytes + " bytes, more than the queue's message limit of " + maxBytes + " bytes.");
    }

    /** Inbound is overloaded ({@link inbound.queue.Overloaded}, or too many webhooks at once): it cannot take more now. */
    public static Refusal overloaded(int retryAfterSeconds) {
        return new Refusal(503, "queue_busy", "Inbound is behind; retry later.").retryAfter(retryAfterSeconds);
    }

    public static Refusal queueFull(int retryAfterSeconds) {
        return new Refusal(503, "queue_full", "Inbound's queue is full; retry later.").retryAfter(retryAfterSeconds);
    }

    /** The event's message group still has stored messages being queued again after a restart ({@link RestoringGroupGuard}). */
    public static Refusal queueRestoring(int retryAfterSeconds) {
        return new Refusal(503, "queue_restoring", "Inbound is queueing this group's earlier events again after a restart; retry later.")
                .retryAfter(retryAfterSeconds);
    }

    public static Refusal secretUnavailable(int retryAfterSeconds) {
        return new Refusal(503, "secret_unavailable", "The event could not be checked; retry later.").retryAfter(retryAfterSeconds);
    }

    public static Refusal queueUnavailable(int retryAfterSeconds) {
        return new Refusal(503, "queue_unavailable", "The event could not be queued; retry later.").retryAfter(retryAfterSeconds);
    }
}
