package inbound.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import inbound.testing.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/**
 * A receive's messages are started as they are within the first fifth of the visibility timeout after
 * it, then until half of it only once their visibility was extended, and after that not at all.
 */
class ReceiveDeadlineTest {

    private static final Instant RECEIVED = Instant.parse("2026-11-29T10:00:00Z");

    private final CamelContext context = new DefaultCamelContext();
    private final SettableClock clock = new SettableClock(RECEIVED);
    private final List<Duration> extensions = new ArrayList<>();
    private boolean queueExtends = true;
    private final ReceiveDeadline deadline = new ReceiveDeadline(clock, Duration.ofSeconds(30), (message, visibility) -> {
        extensions.add(visibility);
        return queueExtends;
    });

    private Exchange message(int index) {
        Exchange exchange = new DefaultExchange(context);
        exchange.setProperty(ExchangePropertyKey.BATCH_INDEX, index);
        return exchange;
    }

    @Test
    void shouldStartMessagesWithinAFifthOfTheVisibilityTimeoutAfterTheReceiveAsTheyAre() {
        assertThatCode(() -> deadline.process(message(0))).doesNotThrowAnyException();
        clock.set(RECEIVED.plusSeconds(6));
        assertThatCode(() -> deadline.process(message(1))).doesNotThrowAnyException();
        assertThat(extensions).isEmpty();
    }

    @Test
    void shouldExtendTheVisibilityOfAMessageStartedLaterUntilHalfTheTimeout() {
        deadline.process(message(0));
        clock.set(RECEIVED.plusSeconds(15));

        assertThatCode(() -> deadline.process(message(1))).doesNotThrowAnyException();
        assertThat(extensions).containsExactly(Duration.ofSeconds(30));
    }

    @Test
    void shouldLeaveAMessageWhoseExtensionTheQueueRefused() {
        deadline.process(message(0));
        clock.set(RECEIVED.plusSeconds(10));
        queueExtends = false;

        assertThatThrownBy(() -> deadline.process(message(1))).isInstanceOf(ReceiveDeadline.LeftForNextReceive.class);
    }

    @Test
    void shouldLeaveTheLaterMessagesOfAReceiveThatRanPastHalfTheTimeoutUnextended() {
        deadline.process(message(0));
        clock.set(RECEIVED.plusSeconds(15).plusMillis(1));

        assertThatThrownBy(() -> deadline.process(message(1))).isInstanceOf(ReceiveDeadline.LeftForNextReceive.class);
        assertThatThrownBy(() -> deadline.process(message(2))).isInstanceOf(ReceiveDeadline.LeftForNextReceive.class);
        assertThat(extensions).isEmpty();
    }

    @Test
    void shouldMeasureEachReceiveFromItsOwnStart() {
        deadline.process(message(0));
        clock.set(RECEIVED.plusSeconds(60));

        assertThatCode(() -> deadline.process(message(0))).doesNotThrowAnyException();
        assertThatCode(() -> deadline.process(message(1))).doesNotThrowAnyException();
    }

    @Test
    void shouldFollowTheDeadlineAReceiverSetsItself() {
        Exchange early = message(3);
        early.setProperty(WorkerProperties.START_DEADLINE, RECEIVED.plusSeconds(50));
        Exchange late = message(4);
        late.setProperty(WorkerProperties.START_DEADLINE, RECEIVED.plusSeconds(50));
        clock.set(RECEIVED.plusSeconds(40));
        assertThatCode(() -> deadline.process(early)).doesNotThrowAnyException();
        clock.set(RECEIVED.plusSeconds(51));
        assertThatThrownBy(() -> deadline.process(late)).isInstanceOf(ReceiveDeadline.LeftForNextReceive.class);
        assertThat(extensions).isEmpty();
    }
}
