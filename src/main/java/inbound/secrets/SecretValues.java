package inbound.secrets;

import inbound.support.StopsWithContext;
import inbound.settings.SettingsReader;
import inbound.support.ForgottenBeforeSnapshot;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apache.camel.CamelContext;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClientBuilder;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;

/**
 * Secret settings (signing secrets, API keys, the database password): the property itself when set
 * (locally, from an environment variable), else the AWS Secrets Manager secret whose ARN is in the
 * property of the same name with {@code -arn} appended — {@code INBOUND_PROVIDER_SHOPIFY_SECRET_ARN}
 * for {@code inbound.provider.shopify.secret}. A secret is read on first use, not at start-up (in
 * the Lambda shape that is after a SnapStart restore, and the secret may be set after the function
 * was published), then kept; before a snapshot the values and the client are dropped.
 */
public final class SecretValues implements ForgottenBeforeSnapshot {

    private final Function<String, Optional<String>> properties;
    private final SecretsManagerSettings secretsManager;
    private final Map<String, String> valueByArn = new ConcurrentHashMap<>();
    private SecretsManagerClient client;

    SecretValues(Function<String, Optional<String>> properties, SecretsManagerSettings secretsManager) {
        this.properties = properties;
        this.secretsManager = secretsManager;
    }

    /** Binds the context's one instance as {@code secretValues}, when its shape starts; its client is closed when the context stops. */
    public static SecretValues bind(CamelContext context, SecretsManagerSettings secretsManager) {
        return bind(context, SettingsReader.properties(context), secretsManager);
    }

    /** As {@link #bind(CamelContext, SecretsManagerSettings)}, with the settings read from {@code properties} instead of the context's. */
    public static SecretValues bind(CamelContext context, Function<String, Optional<String>> properties, SecretsManagerSettings secretsManager) {
        SecretValues created = new SecretValues(properties, secretsManager);
        context.getRegistry().bind("secretValues", created);
        try {
            StopsWithContext.closeOnStop(context, created::forget);
        } catch (Exception e) {
            throw new IllegalStateException("could not tie the Secrets Manager client to the Camel context", e);
        }
        return created;
    }

    /** The context's one instance, as its shape bound it. */
    public static SecretValues of(CamelContext context) {
        SecretValues bound = context.getRegistry().lookupByNameAndType("secretValues", SecretValues.class);
        if (bound == null) {
            throw new IllegalStateException("no secretValues in the registry: the shape binds them before its beans");
        }
        return bound;
    }

    /** Whether the setting has a value or names a secret, without reading the secret. */
    public boolean isSet(String key) {
        return properties.apply(key).isPresent() || properties.apply(key + "-arn").isPresent();
    }

    /** The setting's value; reads its Secrets Manager secret if it names one. */
    public Optional<String> value(String key) {
        return properties.apply(key).or(() -> properties.apply(key + "-arn").map(arn -> read(key, arn)));
    }

    private String read(String key, String arn) {
        String known = valueByArn.get(arn);
        if (known != null) {
            return known;
        }
        String value;
        try {
            value = client().getSecretValue(GetSecretValueRequest.builder().secretId(arn).build()).secretString();
        } catch (SdkException e) {
            throw new SecretUnavailable("could not read the Secrets Manager secret for " + key + " (" + arn + "): " + e.getMessage(), e);
        }
        if (value == null || value.isBlank()) {
            throw new SecretUnavailable("the Secrets Manager secret for " + key + " has no string value yet (" + arn + ")", null);
        }
        valueByArn.putIfAbsent(arn, value);
        return value;
    }

    private synchronized SecretsManagerClient client() {
        if (client == null) {
            // short: a request waiting on a secret must still get its 503 before API Gateway gives up (29 s)
            SecretsManagerClientBuilder builder = SecretsManagerClient.builder()
                    .overrideConfiguration(ClientOverrideConfiguration.builder()
                            .apiCallTimeout(Duration.ofSeconds(4))
                            .apiCallAttemptTimeout(Duration.ofSeconds(2))
                            .build())
                    .httpClientBuilder(UrlConnectionHttpClient.builder())
                    .region(Region.of(secretsManager.region()));
            secretsManager.endpoint().ifPresent(builder::endpointOverride);
            client = builder.build();
        }
        return client;
    }

    @Override
    public void forget() {
        valueByArn.clear();
        closeClient();
    }

    private synchronized void closeClient() {
        if (client != null) {
            client.close();
            client = null;
        }
    }
}
