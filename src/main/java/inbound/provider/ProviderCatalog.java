package inbound.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import inbound.signature.HmacSignatureScheme;
import inbound.signature.SignatureScheme;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
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

    public static ProviderCatalog read(InputStream yaml, String fileName) {
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
        entries.fields().forEachRemaining(entry -> providers.put(entry.getKey(), parseProvider(entry.getKey(), entry.getValue())));
        return new ProviderCatalog(providers);
    }

    public Optional<ProviderDefinition> find(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(providers.get(id));
    }

    public Collection<ProviderDefinition> all() {
        return providers.values();
    }

    private static ProviderDefinition parseProvider(String id, JsonNode node) {
        if (!PROVIDER_ID.matcher(id).matches()) {
            throw new ProviderFileException("provider '" + id + "': the id must be lower case letters, digits and dashes");
        }
        Fields fields = new Fields(id, node);
        return new ProviderDefinition(
                id,
                parseSignature(fields.object("signature")),
                fields.source("topic"),
                fields.source("delivery-id"),
                fields.sources("ordering-key"));
    }

    private static SignatureScheme parseSignature(Fields signature) {
        String scheme = signature.text("scheme");
        if (!scheme.equals("hmac")) {
            throw signature.invalid("scheme", "unknown scheme '" + scheme + "' (known: hmac)");
        }
        String encoding = signature.text("encoding").toUpperCase(Locale.ROOT);
        if (!encoding.equals("HEX") && !encoding.equals("BASE64")) {
            throw signature.invalid("encoding", "must be hex or base64");
        }
        String algorithm;
        try {
            algorithm = HmacSignatureScheme.macAlgorithmFor(signature.text("algorithm"));
        } catch (IllegalArgumentException e) {
            throw signature.invalid("algorithm", e.getMessage());
        }
        return new HmacSignatureScheme(
                signature.text("header"), algorithm, HmacSignatureScheme.Encoding.valueOf(encoding), signature.optionalText("prefix"));
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

        ValueSource source(String field) {
            return sourceOf(field, node.get(field));
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
                throw invalid(field, "is required: give {header: Name} or {pointer: /json/pointer}");
            }
            JsonNode header = value.get("header");
            JsonNode pointer = value.get("pointer");
            if ((header == null) == (pointer == null)) {
                throw invalid(field, "give exactly one of 'header' or 'pointer'");
            }
            if (header != null) {
                return ValueSource.ofHeader(header.asText());
            }
            try {
                return ValueSource.ofPointer(pointer.asText());
            } catch (IllegalArgumentException e) {
                throw invalid(field, "'" + pointer.asText() + "' is not a JSON pointer");
            }
        }
    }
}
