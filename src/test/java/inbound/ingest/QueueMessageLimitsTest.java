package inbound.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import inbound.claimcheck.ClaimCheck;
import inbound.queue.EventAttributes;
import inbound.support.Refusal;
import java.nio.charset.StandardCharsets;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

class QueueMessageLimitsTest {

    private static Exchange event(String body, String topic) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.setProperty(IngestProperties.RAW_BODY, body.getBytes(StandardCharsets.UTF_8));
        exchange.getMessage().setHeader(EventAttributes.PROVIDER, "shopify");
        exchange.getMessage().setHeader(EventAttributes.TOPIC, topic);
        return exchange;
    }

    @Test
    void shouldCountTheBodyAndEachAttributesNameTypeAndValueInUtf8Bytes() {
        // body 4 + 2 bytes ("é"); provider 8 + 6 + 7; topic 5 + 6 + 2 ("✓" is 3 bytes, counted as such)
        long size = "{}é".getBytes(StandardCharsets.UTF_8).length + ("provider".length() + 6 + "shopify".length()) + ("topic".length() + 6 + 3);
        Exchange atTheLimit = event("{}é", "✓");

        new QueueMessageLimits(size, ClaimCheck.NONE).process(atTheLimit);
        assertThatThrownBy(() -> new QueueMessageLimits(size - 1, ClaimCheck.NONE).process(event("{}é", "✓")))
                .isInstanceOfSatisfying(Refusal.class, refusal -> {
                    assertThat(refusal.status()).isEqualTo(413);
                    assertThat(refusal.code()).isEqualTo("message_too_large");
                    assertThat(refusal.getMessage()).contains(String.valueOf(size), String.valueOf(size - 1));
                });
    }

    @Test
    void shouldCarryEveryCharacterSqsAllowsInTheBody() {
        new QueueMessageLimits(1_000, ClaimCheck.NONE).process(event("\t\n\r \uD7FF\uE000\uFFFD\uD83D\uDE00 é✓\u2028", "orders/create"));

        // (a lone surrogate cannot reach it: the body was checked to be UTF-8, which has none)
        assertThatThrownBy(() -> new QueueMessageLimits(1_000, ClaimCheck.NONE).process(event("\uFFFE", "orders/create")))
                .hasMessageContaining("U+FFFE");
        assertThatThrownBy(() -> new QueueMessageLimits(1_000, ClaimCheck.NONE).process(event("\u0008", "orders/create")))
                .hasMessageContaining("U+0008");
    }
}
