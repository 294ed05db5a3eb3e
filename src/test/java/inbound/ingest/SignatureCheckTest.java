package inbound.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import inbound.support.Refusal;
import inbound.testing.Webhooks;
import java.util.HashMap;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

class SignatureCheckTest {

    @Test
    void shouldRefuseEveryRequestOfAProviderWithoutSecret() {
        SignatureCheck check = new SignatureCheck(ProviderSecrets.load(Webhooks.shippedCatalog().all(), key -> Optional.empty()));
        byte[] body = Webhooks.utf8("{}");
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.setProperty(IngestProperties.PROVIDER, Webhooks.provider("github"));
        exchange.setProperty(IngestProperties.RAW_BODY, body);
        // correctly signed with some secret: without a configured secret it still fails closed
        exchange.getMessage().setHeaders(new HashMap<>(Webhooks.github(body, "anything", "d-1", "ping")));

        assertThatThrownBy(() -> check.process(exchange))
                .isInstanceOfSatisfying(Refusal.class, refusal -> assertThat(refusal.status()).isEqualTo(401))
                .hasMessageContaining("No signing secret");
    }

    @Test
    void shouldIgnoreBlankEntriesOfACommaSeparatedSecret() {
        ProviderSecrets secrets = ProviderSecrets.load(Webhooks.shippedCatalog().all(),
                key -> key.equals("inbound.provider.shopify.secret") ? Optional.of(" a, ,b ,") : Optional.empty());

        assertThat(secrets.of("shopify")).hasSize(2);
        assertThat(secrets.of("github")).isEmpty();
    }
}
