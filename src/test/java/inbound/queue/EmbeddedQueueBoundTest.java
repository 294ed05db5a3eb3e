package inbound.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class EmbeddedQueueBoundTest {

    private static final long MIB = 1024 * 1024;
    /** The run command's heap and application.properties' defaults. */
    private static final EmbeddedQueueBound.HeapCost RUN_COMMAND = new EmbeddedQueueBound.HeapCost(256 * MIB, 50, 3072, 2);

    @Test
    void shouldDeriveTheBoundFromTheHeapHalfForMessagesHalfForBodies() {
        EmbeddedQueueBound bound = EmbeddedQueueBound.of(OptionalLong.empty(), OptionalLong.empty(), RUN_COMMAND, 90);

        assertThat(bound.maxMessages()).isEqualTo(64 * MIB / 3072);
        assertThat(bound.maxBodyBytes()).isEqualTo(32 * MIB);
        assertThat(bound.maxMessages() * 3072 + bound.maxBodyBytes() * 2).as("both at the bound: the share of the heap").isLessThanOrEqualTo(128 * MIB);
        assertThat(bound.resumeMessages()).isEqualTo(bound.maxMessages() * 9 / 10);
    }

    @Test
    void shouldTakeAConfiguredBoundInsteadOfTheDerivedOne() {
        EmbeddedQueueBound bound = EmbeddedQueueBound.of(OptionalLong.of(100), OptionalLong.of(10_000), RUN_COMMAND, 50);

        assertThat(bound).isEqualTo(new EmbeddedQueueBound(100, 10_000, 50, 5_000));
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

    @Test
    void shouldCountTheBoundAsReachedByMessagesOrBytesAndDrainedOnlyBelowBothResumeMarks() {
        EmbeddedQueueBound bound = new EmbeddedQueueBound(10, 1_000, 9, 900);

        assertThat(bound.reached(new QueueBacklog.Held(10, 0))).isTrue();
        assertThat(bound.reached(new QueueBacklog.Held(0, 1_000))).isTrue();
        assertThat(bound.reached(new QueueBacklog.Held(9, 999))).isFalse();
        assertThat(bound.drained(new QueueBacklog.Held(8, 899))).isTrue();
        assertThat(bound.drained(new QueueBacklog.Held(9, 0))).isFalse();
    }
}
