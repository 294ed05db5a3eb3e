package inbound.lambda;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * The secrets of one priming run, made up for it and forgotten with it: every provider's signing secret and API
 * key, the admin token, the database password. A synthetic event presents them as a provider or an operator would.
 *
 * @param signing in Standard Webhooks' form ({@code whsec_} and base64), which its scheme requires and every other
 *     scheme takes as text
 */
record MadeUpSecrets(String signing, String apiKey, String adminToken) {

    private static final String PROVIDER = "inbound.provider.";

    static MadeUpSecrets create() {
        byte[] key = new byte[24];
        new SecureRandom().nextBytes(key);
        return new MadeUpSecrets("whsec_" + Base64.getEncoder().encodeToString(key), UUID.randomUUID().toString(), UUID.randomUUID().toString());
    }

    /** The made-up value of a secret setting, by its key; empty for any other key, a secret's ARN among them. */
    Optional<String> value(String key) {
        if (key.startsWith(PROVIDER) && key.endsWith(".secret")) {
            return Optional.of(signing);
        }
        if (key.startsWith(PROVIDER) && key.endsWith(".api-key")) {
            return Optional.of(apiKey);
        }
        return switch (key) {
            case "inbound.admin.token" -> Optional.of(adminToken);
            case "inbound.db.password" -> Optional.of("priming");
            default -> Optional.empty();
        };
    }

    byte[] signingBytes() {
        return signing.getBytes(StandardCharsets.UTF_8);
    }
}
