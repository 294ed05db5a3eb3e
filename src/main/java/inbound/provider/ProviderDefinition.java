package inbound.provider;

import inbound.signature.SignatureScheme;
import java.util.List;

/**
 * One provider, as described in a provider file: how it signs, where its topic, delivery id and
 * ordering key are found — each the first of its sources that yields a value — and what makes two
 * requests the same event.
 */
public record ProviderDefinition(
        String id,
        SignatureScheme signature,
        List<ValueSource> topic,
        List<ValueSource> deliveryId,
        List<ValueSource> orderingKey,
        EventIdentity eventIdentity,
        Handshake handshake) {

    /**
     * What the event id is derived from. {@code DELIVERY_ID} suits providers whose delivery id is
     * signed (in the body, or in a signed header); {@code TOPIC_AND_BODY} those whose delivery id is a
     * header the signature does not cover, so that a captured body re-posted under a new delivery id
     * is the same event again, not a new one.
     */
    public enum EventIdentity { DELIVERY_ID, TOPIC_AND_BODY }

    /** A request some providers send to check the endpoint, answered at once instead of queued. */
    public enum Handshake { NONE, SLACK_URL_VERIFICATION }

    /** The property (and so the environment variable) that holds this provider's signing secrets. */
    public String secretProperty() {
        return "inbound.provider." + id + ".secret";
    }

    /** The environment variable that overrides {@link #secretProperty()}. */
    public String secretVariable() {
        return secretProperty().toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** The property that holds this provider's API key, where one is required of its requests. */
    public String apiKeyProperty() {
        return "inbound.provider." + id + ".api-key";
    }
}
