package inbound.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class EmbeddedQueueBoundTest {

    private static final long MIB = 1024 * 1024;
    /** The run command's heap and application.properties' defaults. */
    private static final EmbeddedQueueBound.HeapCost RUN_COMMAND = new EmbeddedQueueBound.HeapCost(512 * MIB, 60, 2560, 2);
    /** What a queued event's pointer adds as its body (its stored body is not in the heap). */
    private static final long POINTER_BYTES = 190;

    private static QueueBacklog.Held pointers(long messages) {
        return new QueueBacklog.Held(messages, messages * POINTER_BYTES);
    }

    @Test
    void shouldHoldAHundredThousandStoredEventsWithTheRunCommandsHeapAndDefaults() {
        EmbeddedQueueBound bound = EmbeddedQueueBound.of(OptionalLong.empty(), OptionalLong.empty(), RUN_COMMAND, 90);

        assertThat(bound.reached(pointers(100_000))).isFalse();
        assertThat(bound.reached(pointers(110_000))).isTrue();
        assertThat(bound.drained(pointers(100_000))).isFalse();
        assertThat(bound.drained(pointers(90_000))).isTrue();
    }

    @Test
    void shouldCountEveryMessagesOwnCostAndItsBodysAgainstTheHeapShare() {
        EmbeddedQueueBound.HeapCost cost = new EmbeddedQueueBound.HeapCost(100 * MIB, 50, 1_000, 2);
        EmbeddedQueueBound bound = EmbeddedQueueBound.of(OptionalLong.empty(), OptionalLong.empty(), cost, 90);

        assertThat(cost.of(new QueueBacklog.Held(10, 500))).isEqualTo(10 * 1_000 + 500 * 2);
        assertThat(bound.reached(new QueueBacklog.Held(0, 25 * MIB))).as("bodies alone at the share").isTrue();
        assertThat(bound.reached(new QueueBacklog.Held(50 * MIB / 1_000 + 1, 0))).as("messages alone at the share").isTrue();
        assertThat(bound.reached(new QueueBacklog.Held(25 * MIB / 1_000, 12 * MIB))).as("both, within the share").isFalse();
    }

    @Test
    void shouldTakeAConfiguredBoundBesidesTheHeapShare() {
        EmbeddedQueueBound bound = EmbeddedQueueBound.of(OptionalLong.of(100), OptionalLong.of(10_000), RUN_COMMAND, 50);

        assertThat(bound.reached(new QueueBacklog.Held(100, 0))).isTrue();
        assertThat(bound.reached(new QueueBacklog.Held(1, 10_000))).isTrue();
        assertThat(bound.reached(new QueueBacklog.Held(99, 9_999))).isFalse();
        assertThat(bound.drained(new QueueBacklog.Held(49, 4_999))).isTrue();
        assertThat(bound.drained(new QueueBacklog.Held(50, 0))).isFalse();
    }

    @Test
    void shouldRefuseAtStartABoundThatCannotWork() {
        assertThatThrownBy(() -> EmbeddedQueueBound.of(OptionalLong.of(0), OptionalLong.empty(), RUN_COMMAND, 90))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1 message");
        assertThatThrownBy(() -> EmbeddedQueueBound.of(OptionalLong.empty(), OptionalLong.empty(), RUN_COMMAND, 100))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("resume");
        assertThatThrownBy(() -> new EmbeddedQueueBound.HeapCost(256 * MIB, 95, 3072, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("share of the heap");
    }
}
