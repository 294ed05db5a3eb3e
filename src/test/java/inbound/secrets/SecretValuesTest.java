package inbound.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import inbound.settings.SettingsReader;
import inbound.testing.LocalSecretsManager;
import java.util.Map;
import java.util.Properties;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Secrets from AWS Secrets Manager, through the AWS SDK against a loopback stand-in for its API
 * ({@code secretsmanager.GetSecretValue} over AWS JSON 1.1): read on first use, once per ARN, again
 * after a snapshot forgot it; a directly set value wins; a missing secret is a clear error that never
 * carries a value.
 */
class SecretValuesTest {

    private static final String SHOPIFY_ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:inbound/shopify-AbCdEf";
    private static LocalSecretsManager secretsManager;

    @BeforeAll
    static void startSecretsManager() {
        secretsManager = LocalSecretsManager.start(Map.of(SHOPIFY_ARN, "shpss_from_secrets_manager"));
        // the SDK's default credentials chain reads these; the stand-in checks no signature
        System.setProperty("aws.accessKeyId", "test");
        System.setProperty("aws.secretAccessKey", "test");
    }

    @AfterAll
    static void stop() {
        secretsManager.close();
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    private static SecretValues secrets(Map<String, String> properties) {
        CamelContext context = new DefaultCamelContext();
        Properties all = new Properties();
        all.put("inbound.sqs.region", "us-east-1");
        all.put("inbound.secrets.endpoint", secretsManager.endpoint());
        all.putAll(properties);
        context.getPropertiesComponent().setOverrideProperties(all);
        return SecretValues.bind(context, SettingsReader.read(context, SecretsManagerSettings::read));
    }

    @Test
    void aSecretNamedByItsArnIsReadOnFirstUseKeptAndReadAgainAfterASnapshotForgotIt() {
        int before = secretsManager.requests();
        SecretValues secrets = secrets(Map.of(
                "inbound.provider.shopify.secret-arn", SHOPIFY_ARN,
                "inbound.provider.shopify.api-key-arn", SHOPIFY_ARN));
        assertThat(secrets.isSet("inbound.provider.shopify.secret")).isTrue();
        assertThat(secretsManager.requests() - before).as("not read before it is used").isZero();

        assertThat(secrets.value("inbound.provider.shopify.secret")).contains("shpss_from_secrets_manager");
        assertThat(secrets.value("inbound.provider.shopify.secret")).contains("shpss_from_secrets_manager");
        assertThat(secrets.value("inbound.provider.shopify.api-key")).contains("shpss_from_secrets_manager");
        assertThat(secretsManager.requests() - before).isEqualTo(1);

        secrets.forget();
        assertThat(secrets.value("inbound.provider.shopify.secret")).contains("shpss_from_secrets_manager");
        assertThat(secretsManager.requests() - before).isEqualTo(2);
        secrets.forget();
    }

    @Test
    void aValueSetDirectlyWinsAndAnUnsetOneIsEmpty() {
        int before = secretsManager.requests();
        SecretValues secrets = secrets(Map.of(
                "inbound.provider.shopify.secret", "set-directly",
                "inbound.provider.shopify.secret-arn", SHOPIFY_ARN));
        assertThat(secrets.value("inbound.provider.shopify.secret")).contains("set-directly");
        assertThat(secrets.value("inbound.provider.github.secret")).isEmpty();
        assertThat(secrets.isSet("inbound.provider.github.secret")).isFalse();
        assertThat(secretsManager.requests()).isEqualTo(before);
    }

    @Test
    void aMissingSecretIsAClearErrorNamingTheSetting() {
        SecretValues secrets = secrets(Map.of("inbound.db.password-arn", "arn:aws:secretsmanager:us-east-1:123456789012:secret:nope"));
        assertThatThrownBy(() -> secrets.value("inbound.db.password"))
                .isInstanceOf(SecretUnavailable.class)
                .hasMessageContaining("inbound.db.password")
                .hasMessageContaining("secret:nope");
        secrets.forget();
    }
}
