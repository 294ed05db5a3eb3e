package inbound.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import inbound.signature.HmacSignatureScheme;
import inbound.signature.Macs;
import inbound.signature.SignatureScheme;
import inbound.signature.SignedContent;
import inbound.signature.StandardWebhooksScheme;
import inbound.signature.StripeSignatureScheme;
import inbound.signature.TwilioSignatureScheme;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The providers Inbound accepts webhooks from, read from a YAML provider file. Adding a provider is
 * adding an entry to that file; a wrong entry stops start-up with a message naming provider and field.
 */
public final class ProviderCatalog {

    private static final Pattern PROVIDER_ID = Pattern.compile("[a-z0-9][a-z0-9-]*");

    private final Map<String, ProviderDefinition> providers;

    private ProviderCatalog(Map<String, ProviderDefinition> providers) {
        this.providers = Collections.unmodifiableMap(providers);
    }

    /**
     * @param clock what timestamped schemes measure freshness against
     * @param properties Inbound's settings, for per-provider values that differ per deployment
     *                   ({@code inbound.provider.<id>.public-url})
     */
    public static ProviderCatalog read(InputStream yaml, String fileName, Clock clock, Function<String, Optional<String>> properties) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        } catch (IOException e) {
            throw new ProviderFileException("provider file " + fileName + " is not valid YAML: " + e.getMessage(), e);
        }
        JsonNode entries = root == null ? null : root.get("providers");
        if (entries == null || !entries.isObject() || entries.isEmpty()) {
            throw new ProviderFileException("provider file " + fileName + " has no 'providers' map");
        }
        Map<String, ProviderDefinition> providers = new LinkedHashMap<>();
        entries.fields().forEachRemaining(entry -> providers.put(entry.getKey(),
                parseProvider(entry.getKey(), entry.getValue(), clock, properties)));
        return new ProviderCatalog(providers);
    }

    public Optional<ProviderDefinition> find(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(providers.get(id));
    }

    public Collection<ProviderDefinition> all() {
        return providers.values();
    }

    private static ProviderDefinition parseProvider(String id, JsonNode node, Clock clock, Function<String, Optional<String>> properties) {
        if (!PROVIDER_ID.matcher(id).matches()) {
            throw new ProviderFileException("provider '" + id + "': the id must be lower case letters, digits and dashes");
        }
        Fields fields = new Fields(id, node);
        String publicUrl = properties.apply("inbound.provider." + id + ".public-url").filter(url -> !url.isBlank()).orElse(null);
        return new ProviderDefinition(
                id,
                parseSignature(fields.object("signature"), clock, publicUrl),
                fields.sources("topic"),
                fields.sources("delivery-id"),
                fields.sources("ordering-key"),
                parseEventIdentity(fields),
                parseHandshake(fields));
    }

    private static ProviderDefinition.EventIdentity parseEventIdentity(Fields fields) {
        String identity = fields.optionalText("event-id", "delivery-id");
        return switch (identity) {
            case "delivery-id" -> ProviderDefinition.EventIdentity.DELIVERY_ID;
            case "topic-and-body" -> ProviderDefinition.EventIdentity.TOPIC_AND_BODY;
            default -> throw fields.invalid("event-id", "unknown value '" + identity + "' (known: delivery-id, topic-and-body)");
        };
    }

    private static ProviderDefinition.Handshake parseHandshake(Fields fields) {
        String handshake = fields.optionalText("handshake");
        if (handshake == null) {
            return ProviderDefinition.Handshake.NONE;
        }
        if (!handshake.equals("slack-url-verification")) {
            throw fields.invalid("handshake", "unknown handshake '" + handshake + "' (known: slack-url-verification)");
        }
        return ProviderDefinition.Handshake.SLACK_URL_VERIFICATION;
    }

    private static SignatureScheme parseSignature(Fields signature, Clock clock, String publicUrlSetting) {
        String scheme = signature.text("scheme");
        return switch (scheme) {
            case "hmac" -> parseHmac(signature, clock);
            case "stripe" -> new StripeSignatureScheme(signature.optionalText("header", "Stripe-Signature"), signature.tolerance(), clock);
            case "standard-webhooks" -> new StandardWebhooksScheme(signature.tolerance(), clock);
            case "twilio" -> new TwilioSignatureScheme(signature.optionalText("header", "X-Twilio-Signature"),
                    publicUrlSetting != null ? publicUrlSetting : signature.optionalText("public-url"));
            default -> throw signature.invalid("scheme", "unknown scheme '" + scheme + "' (known: hmac, stripe, standard-webhooks, twilio)");
        };
    }

    private static SignatureScheme parseHmac(Fields signature, Clock clock) {
        String encoding = signature.text("encoding").toUpperCase(Locale.ROOT);
        if (!encoding.equals("HEX") && !encoding.equals("BASE64")) {
            throw signature.invalid("encoding", "must be hex or base64");
        }
        String algorithm;
        try {
            algorithm = Macs.algorithmFor(signature.text("algorithm"));
        } catch (IllegalArgumentException e) {
            throw signature.invalid("algorithm", e.getMessage());
        }
        String timestampHeader = signature.optionalText("timestamp-header");
        SignedContent content;
        try {
            content = SignedContent.parse(signature.optionalText("signed-content", timestampHeader == null ? "{body}" : "{timestamp}.{body}"));
        } catch (IllegalArgumentException e) {
            throw signature.invalid("signed-content", e.getMessage());
        }
        if (content.usesTimestamp() && timestampHeader == null) {
            throw signature.invalid("timestamp-header", "is required when the signed content has {timestamp}");
        }
        if (!content.usesTimestamp() && timestampHeader != null) {
            // a timestamp outside the signature could be replaced on a captured request: its freshness would prove nothing
            throw signature.invalid("signed-content", "must contain {timestamp} when a timestamp-header is given");
        }
        return new HmacSignatureScheme(new HmacSignatureScheme.Settings(signature.text("header"), algorithm,
                HmacSignatureScheme.Encoding.valueOf(encoding), signature.optionalText("prefix", ""), timestampHeader,
                signature.tolerance(), content), clock);
    }

    /** Reads the fields of one provider's entry, naming provider and field in every complaint. */
    private record Fields(String provider, String path, JsonNode node) {

        Fields(String provider, JsonNode node) {
            this(provider, "", node);
        }

        ProviderFileException invalid(String field, String problem) {
            return new ProviderFileException("provider '" + provider + "', field '" + path + field + "': " + problem);
        }

        String text(String field) {
            String value = optionalText(field);
            if (value == null || value.isBlank()) {
                throw invalid(field, "is required");
            }
            return value;
        }

        String optionalText(String field, String fallback) {
            String value = optionalText(field);
            return value == null ? fallback : value;
        }

        /** The timestamp tolerance, both ways: {@code tolerance-seconds}, 300 unless given. */
        Duration tolerance() {
            String value = optionalText("tolerance-seconds", "300");
            try {
                long seconds = Long.parseLong(value);
                if (seconds > 0) {
                    return Duration.ofSeconds(seconds);
                }
            } catch (NumberFormatException ignored) {
                // answered below
            }
            throw invalid("tolerance-seconds", "must be a whole number of seconds above 0, was '" + value + "'");
        }

        String optionalText(String field) {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                return null;
            }
            if (!value.isValueNode()) {
                throw invalid(field, "must be a single value");
            }
            return value.asText();
        }

        Fields object(String field) {
            JsonNode value = node.get(field);
            if (value == null || !value.isObject()) {
                throw invalid(field, "is required and must be a map");
            }
            return new Fields(provider, path + field + ".", value);
        }

        List<ValueSource> sources(String field) {
            JsonNode value = node.get(field);
            if (value != null && value.isArray()) {
                List<ValueSource> sources = new ArrayList<>();
                value.forEach(element -> sources.add(sourceOf(field, element)));
                if (sources.isEmpty()) {
                    throw invalid(field, "needs at least one source");
                }
                return List.copyOf(sources);
            }
            return List.of(sourceOf(field, value));
        }

        private ValueSource sourceOf(String field, JsonNode value) {
            if (value == null || !value.isObject()) {
                throw invalid(field, "is required: give {header: Name}, {pointer: /json/pointer} or {param: name}");
            }
            JsonNode header = value.get("header");
            JsonNode pointer = value.get("pointer");
            JsonNode param = value.get("param");
            if ((header == null ? 0 : 1) + (pointer == null ? 0 : 1) + (param == null ? 0 : 1) != 1) {
                throw invalid(field, "give exactly one of 'header', 'pointer' or 'param'");
            }
            if (header != null) {
                return ValueSource.ofHeader(header.asText());
            }
            if (param != null) {
                return ValueSource.ofParam(param.asText());
            }
            try {
                return ValueSource.ofPointer(pointer.asText());
            } catch (IllegalArgumentException e) {
                throw invalid(field, "'" + pointer.asText() + "' is not a JSON pointer");
            }
        }
    }
}
