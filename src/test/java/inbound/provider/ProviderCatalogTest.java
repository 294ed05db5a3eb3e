package inbound.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProviderCatalogTest {

    private static ProviderCatalog parse(String yaml) {
        return ProviderCatalog.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test.yaml", Clock.systemUTC(),
                key -> Optional.empty());
    }

    @Test
    void shouldLoadTheShippedProviders() throws Exception {
        try (InputStream shipped = getClass().getResourceAsStream("/providers.yaml")) {
            ProviderCatalog catalog = ProviderCatalog.read(shipped, "providers.yaml", Clock.systemUTC(), key -> Optional.empty());

            assertThat(catalog.all()).extracting(ProviderDefinition::id)
                    .containsExactly("shopify", "github", "stripe", "standard-webhooks", "slack", "twilio");
            ProviderDefinition github = catalog.find("github").orElseThrow();
            assertThat(github.orderingKey()).hasSize(2);
            assertThat(github.orderingKey().get(0).pointer()).hasToString("/repository/full_name");
            assertThat(github.secretVariable()).isEqualTo("INBOUND_PROVIDER_GITHUB_SECRET");
            assertThat(catalog.find("unknown")).isEmpty();
        }
    }

    @Test
    void shouldDeriveTheEventIdFromTopicAndBodyWhereTheDeliveryIdIsAnUnsignedHeader() throws Exception {
        try (InputStream shipped = getClass().getResourceAsStream("/providers.yaml")) {
            ProviderCatalog catalog = ProviderCatalog.read(shipped, "providers.yaml", Clock.systemUTC(), key -> Optional.empty());

            // Shopify, GitHub and Twilio sign neither the header their delivery id comes from nor (Shopify, GitHub) the topic;
            // Stripe and Slack take it from the signed body, Standard Webhooks from webhook-id, which is signed
            assertThat(catalog.all()).filteredOn(provider -> provider.eventIdentity() == ProviderDefinition.EventIdentity.TOPIC_AND_BODY)
                    .extracting(ProviderDefinition::id).containsExactly("shopify", "github", "twilio");
        }
    }

    @Test
    void shouldNameProviderAndFieldOfAnUnknownEventIdentity() {
        assertThatThrownBy(() -> parse("""
                providers:
                  acme:
                    signature: {scheme: hmac, header: X-Sig, algorithm: sha256, encoding: hex}
                    topic: {header: X-Topic}
                    delivery-id: {header: X-Id}
                    ordering-key: {header: X-Key}
                    event-id: body
                """))
                .isInstanceOf(ProviderFileException.class)
                .hasMessageContaining("'acme'").hasMessageContaining("event-id").hasMessageContaining("topic-and-body");
    }

    @Test
    void shouldNameProviderAndFieldOfAnUnknownScheme() {
        assertThatThrownBy(() -> parse("""
                providers:
                  acme:
                    signature: {scheme: rot13, header: X-Sig, algorithm: sha256, encoding: hex}
                    topic: {header: X-Topic}
                    delivery-id: {header: X-Id}
                    ordering-key: {header: X-Key}
                """))
                .isInstanceOf(ProviderFileException.class)
                .hasMessageContaining("'acme'").hasMessageContaining("signature.scheme").hasMessageContaining("rot13");
    }

    @Test
    void shouldNameProviderAndFieldOfABadToleranceOrTemplate() {
        String entry = """
                providers:
                  acme:
                    signature: {scheme: hmac, header: X-Sig, algorithm: sha256, encoding: hex, %s}
                    topic: {header: X-Topic}
                    delivery-id: {header: X-Id}
                    ordering-key: {header: X-Key}
                """;
        assertThatThrownBy(() -> parse(entry.formatted("tolerance-seconds: -5")))
                .hasMessageContaining("'acme'").hasMessageContaining("signature.tolerance-seconds");
        assertThatThrownBy(() -> parse(entry.formatted("signed-content: \"{timestamp}.x\", timestamp-header: X-Ts")))
                .hasMessageContaining("signature.signed-content").hasMessageContaining("{body}");
        assertThatThrownBy(() -> parse(entry.formatted("signed-content: \"{timestamp}.{body}\"")))
                .hasMessageContaining("signature.timestamp-header");
        // a timestamp the signature does not cover could be replaced on a captured request
        assertThatThrownBy(() -> parse(entry.formatted("timestamp-header: X-Ts, signed-content: \"{body}\"")))
                .hasMessageContaining("signature.signed-content").hasMessageContaining("{timestamp}");
    }

    @Test
    void shouldNameProviderAndFieldOfAMissingHeaderName() {
        assertThatThrownBy(() -> parse("""
                providers:
                  acme:
                    signature: {scheme: hmac, algorithm: sha256, encoding: hex}
                    topic: {header: X-Topic}
                    delivery-id: {header: X-Id}
                    ordering-key: {header: X-Key}
                """))
                .hasMessageContaining("'acme'").hasMessageContaining("signature.header").hasMessageContaining("required");
    }

    @Test
    void shouldRefuseASourceWithBothHeaderAndPointer() {
        assertThatThrownBy(() -> parse("""
                providers:
                  acme:
                    signature: {scheme: hmac, header: X-Sig, algorithm: sha256, encoding: hex}
                    topic: {header: X-Topic, pointer: /topic}
                    delivery-id: {header: X-Id}
                    ordering-key: {header: X-Key}
                """))
                .hasMessageContaining("'acme'").hasMessageContaining("'topic'");
    }

    @Test
    void shouldRefuseAFileWithoutProviders() {
        assertThatThrownBy(() -> parse("other: 1")).hasMessageContaining("test.yaml").hasMessageContaining("providers");
    }
}
