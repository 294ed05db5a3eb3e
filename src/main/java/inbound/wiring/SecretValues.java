package inbound.wiring;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClientBuilder;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;

/**
 * Secret settings (signing secrets, API keys, the database password): the property itself when set
 * (locally, from an environment variable), else the AWS Secrets Manager secret whose ARN is in the
 * property of the same name with {@code -arn} appended — {@code INBOUND_PROVIDER_SHOPIFY_SECRET_ARN}
 * for {@code inbound.provider.shopify.secret}. Each secret is read once per process and kept; the
 * Secrets Manager client exists only while secrets are being read, so no connection outlives start-up.
 */
public final class SecretValues implements AutoCloseable {

    private final Settings settings;
    private final Map<String, String> valueByArn = new HashMap<>();
    private SecretsManagerClient client;

    public SecretValues(Settings settings) {
        this.settings = settings;
    }

    public Optional<String> value(String key) {
        return settings.optionalText(key).or(() -> settings.optionalText(key + "-arn").map(arn -> read(key, arn)));
    }

    private String read(String key, String arn) {
        return valueByArn.computeIfAbsent(arn, unread -> {
            try {
                String value = client().getSecretValue(GetSecretValueRequest.builder().secretId(arn).build()).secretString();
                if (value == null) {
                    throw new IllegalStateException("the Secrets Manager secret for " + key + " has no string value (" + arn + ")");
                }
                return value;
            } catch (SdkException e) {
                throw new IllegalStateException("could not read the Secrets Manager secret for " + key + " (" + arn + "): " + e.getMessage(), e);
            }
        });
    }

    private SecretsManagerClient client() {
        if (client == null) {
            SecretsManagerClientBuilder builder = SecretsManagerClient.builder()
                    .region(Region.of(settings.optionalText("inbound.secrets.region").orElse(settings.text("inbound.sqs.region"))));
            settings.optionalText("inbound.secrets.endpoint").map(URI::create).ifPresent(builder::endpointOverride);
            client = builder.build();
        }
        return client;
    }

    @Override
    public void close() {
        if (client != null) {
            client.close();
            client = null;
        }
    }
}
