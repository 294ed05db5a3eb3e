package inbound.worker;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import inbound.queue.EventAttributes;
import inbound.queue.SqsHeaders;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.Synchronization;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/** One receive of several messages, processed in order: a failure holds back only the later messages of its own group. */
class GroupHoldBackTest {

    private final CamelContext context = new DefaultCamelContext();
    private final GroupHoldBack holdBack = new GroupHoldBack();

    private Exchange message(int batchIndex, String group, String eventId, int receiveCount) {
        Exchange exchange = new DefaultExchange(context);
        exchange.setProperty(ExchangePropertyKey.BATCH_INDEX, batchIndex);
        exchange.getMessage().setHeader(SqsHeaders.MESSAGE_GROUP_ID, group);
        exchange.getMessage().setHeader(SqsHeaders.RECEIVE_COUNT, String.valueOf(receiveCount));
        exchange.getMessage().setHeader(EventAttributes.EVENT_ID, eventId);
        exchange.getMessage().setHeader(EventAttributes.PROVIDER, "shopify");
        return exchange;
    }

    /** Passes the message through the hold-back and completes it, failed or not, as the consumer would. */
    private void process(Exchange exchange, boolean fails) {
        holdBack.process(exchange);
        if (fails) {
            exchange.setException(new IllegalStateException("database down"));
        }
        List<Synchronization> completions = exchange.getExchangeExtension().handoverCompletions();
        completions.forEach(completion -> {
            if (fails) {
                completion.onFailure(exchange);
            } else {
                completion.onComplete(exchange);
            }
        });
    }

    @Test
    void shouldHoldBackOnlyTheLaterMessagesOfAFailedGroupInTheSameReceive() {
        process(message(0, "a", "a1", 1), true);
        Exchange b1 = message(1, "b", "b1", 1);
        Exchange a2 = message(2, "a", "a2", 1);

        assertThatCode(() -> process(b1, false)).doesNotThrowAnyException();
        assertThatThrownBy(() -> holdBack.process(a2)).isInstanceOf(GroupHoldBack.HeldBack.class);
        // the next receive starts afresh
        assertThatCode(() -> holdBack.process(message(0, "a", "a1", 2))).doesNotThrowAnyException();
    }
}
