package inbound.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import inbound.settings.SettingsReader;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
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

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SHOPIFY_ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:inbound/shopify-AbCdEf";
    private static final Map<String, String> SECRETS = Map.of(SHOPIFY_ARN, "shpss_from_secrets_manager");
    private static final AtomicInteger REQUESTS = new AtomicInteger();
    private static HttpServer secretsManager;

    @BeforeAll
    static void startSecretsManager() throws IOException {
        secretsManager = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        secretsManager.createContext("/", SecretValuesTest::getSecretValue);
        secretsManager.start();
        // the SDK's default credentials chain reads these; the stand-in checks no signature
        System.setProperty("aws.accessKeyId", "test");
        System.setProperty("aws.secretAccessKey", "test");
    }

    @AfterAll
    static void stop() {
        secretsManager.stop(0);
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    private static void getSecretValue(HttpExchange exchange) throws IOException {
        REQUESTS.incrementAndGet();
        JsonNode request = JSON.readTree(exchange.getRequestBody());
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        String value = SECRETS.get(request.path("SecretId").asText());
        boolean found = "secretsmanager.GetSecretValue".equals(target) && value != null;
        String body = found
                ? JSON.createObjectNode().put("ARN", request.path("SecretId").asText()).put("Name", "inbound/shopify")
                        .put("SecretString", value).put("VersionId", "v1").toString()
                : JSON.createObjectNode().put("__type", "ResourceNotFoundException")
                        .put("message", "Secrets Manager can't find the specified secret.").toString();
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
        exchange.sendResponseHeaders(found ? 200 : 400, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static SecretValues secrets(Map<String, String> properties) {
        CamelContext context = new DefaultCamelContext();
        Properties all = new Properties();
        all.put("inbound.sqs.region", "us-east-1");
        all.put("inbound.secrets.endpoint", "http://127.0.0.1:" + secretsManager.getAddress().getPort());
        all.putAll(properties);
        context.getPropertiesComponent().setOverrideProperties(all);
        return SecretValues.bind(context, SettingsReader.read(context, SecretsManagerSettings::read));
    }

    @Test
    void aSecretNamedByItsArnIsReadOnFirstUseKeptAndReadAgainAfterASnapshotForgotIt() {
        int before = REQUESTS.get();
        SecretValues secrets = secrets(Map.of(
                "inbound.provider.shopify.secret-arn", SHOPIFY_ARN,
                "inbound.provider.shopify.api-key-arn", SHOPIFY_ARN));
        assertThat(secrets.isSet("inbound.provider.shopify.secret")).isTrue();
        assertThat(REQUESTS.get() - before).as("not read before it is used").isZero();

        assertThat(secrets.value("inbound.provider.shopify.secret")).contains("shpss_from_secrets_manager");
        assertThat(secrets.value("inbound.provider.shopify.secret")).contains("shpss_from_secrets_manager");
        assertThat(secrets.value("inbound.provider.shopify.api-key")).contains("shpss_from_secrets_manager");
        assertThat(REQUESTS.get() - before).isEqualTo(1);

        secrets.forget();
        assertThat(secrets.value("inbound.provider.shopify.secret")).contains("shpss_from_secrets_manager");
        assertThat(REQUESTS.get() - before).isEqualTo(2);
        secrets.forget();
    }

    @Test
    void aValueSetDirectlyWinsAndAnUnsetOneIsEmpty() {
        int before = REQUESTS.get();
        SecretValues secrets = secrets(Map.of(
                "inbound.provider.shopify.secret", "set-directly",
                "inbound.provider.shopify.secret-arn", SHOPIFY_ARN));
        assertThat(secrets.value("inbound.provider.shopify.secret")).contains("set-directly");
        assertThat(secrets.value("inbound.provider.github.secret")).isEmpty();
        assertThat(secrets.isSet("inbound.provider.github.secret")).isFalse();
        assertThat(REQUESTS.get()).isEqualTo(before);
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
