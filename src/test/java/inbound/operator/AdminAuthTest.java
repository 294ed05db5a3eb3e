package inbound.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import inbound.support.Refusal;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

class AdminAuthTest {

    private static Exchange withAuthorization(String value) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        if (value != null) {
            exchange.getMessage().setHeader("Authorization", value);
        }
        return exchange;
    }

    private static void assertRefused(AdminAuth auth, String authorization) {
        assertThatThrownBy(() -> auth.process(withAuthorization(authorization)))
                .isInstanceOfSatisfying(Refusal.class, refusal -> assertThat(refusal.status()).isEqualTo(401));
    }

    @Test
    void shouldRefuseEverythingWhenNoTokenIsConfigured() {
        AdminAuth auth = new AdminAuth(Optional::empty);

        assertRefused(auth, null);
        assertRefused(auth, "Bearer ");
        assertRefused(auth, "Bearer anything");
    }

    @Test
    void shouldLetOnlyTheConfiguredBearerTokenThrough() {
        AdminAuth auth = new AdminAuth(() -> Optional.of("s3cret-token"));

        assertThatCode(() -> auth.process(withAuthorization("Bearer s3cret-token"))).doesNotThrowAnyException();
        assertRefused(auth, null);
        assertRefused(auth, "Bearer s3cret-toke");
        assertRefused(auth, "Basic s3cret-token");
        assertRefused(auth, "s3cret-token");
    }

    @Test
    void shouldCheckAgainstTheTokenAsItIsAtEachRequest() {
        AtomicReference<String> current = new AtomicReference<>("first-token");
        AdminAuth auth = new AdminAuth(() -> Optional.ofNullable(current.get()));

        assertThatCode(() -> auth.process(withAuthorization("Bearer first-token"))).doesNotThrowAnyException();
        current.set("second-token");
        assertRefused(auth, "Bearer first-token");
        assertThatCode(() -> auth.process(withAuthorization("Bearer second-token"))).doesNotThrowAnyException();
    }
}
