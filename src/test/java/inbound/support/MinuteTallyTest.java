package inbound.support;

import static org.assertj.core.api.Assertions.assertThat;

import inbound.testing.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The tally over a clock the test moves: windows by whole minutes, outcomes by provider, percentiles by bucket, a day at most. */
class MinuteTallyTest {

    private static final Instant START = Instant.parse("2026-12-01T10:00:30Z");

    private final SettableClock clock = new SettableClock(START);

    @Test
    void shouldCountOutcomesByProviderWithinTheWindow() {
        MinuteTally tally = new MinuteTally(clock);
        tally.record("shopify", "accepted", Duration.ofMillis(4));
        tally.record("shopify", "invalid_signature", Duration.ofMillis(1));
        clock.set(START.plus(Duration.ofMinutes(2)));
        tally.record("shopify", "accepted", Duration.ofMillis(40));
        tally.record("github", "accepted", Duration.ofMillis(3));

        Map<String, MinuteTally.ProviderTally> all = tally.since(START.minus(Duration.ofHours(1)));
        Map<String, MinuteTally.ProviderTally> lastMinute = tally.since(clock.instant().minusSeconds(30));

        assertThat(all.get("shopify").outcomes()).isEqualTo(Map.of("accepted", 2L, "invalid_signature", 1L));
        assertThat(all.get("github").outcomes()).isEqualTo(Map.of("accepted", 1L));
        assertThat(lastMinute.get("shopify").outcomes()).isEqualTo(Map.of("accepted", 1L));
        assertThat(tally.perMinuteSince(START.minus(Duration.ofHours(1)), "accepted")).isEqualTo(Map.of(
                Instant.parse("2026-12-01T10:00:00Z"), 1L, Instant.parse("2026-12-01T10:02:00Z"), 2L));
        assertThat(tally.countingSince()).isEqualTo(START);
    }

    @Test
    void shouldReadPercentilesAsTheBoundOfTheirBucket() {
        MinuteTally tally = new MinuteTally(clock);
        for (int i = 0; i < 98; i++) {
            tally.record("shopify", "accepted", Duration.ofMillis(4));
        }
        tally.record("shopify", "accepted", Duration.ofMillis(120));
        tally.record("shopify", "accepted", Duration.ofSeconds(30));

        MinuteTally.ProviderTally shopify = tally.since(START.minusSeconds(60)).get("shopify");

        assertThat(shopify.percentileMs(0.5)).isEqualTo(5L);
        assertThat(shopify.percentileMs(0.99)).isEqualTo(150L);
        assertThat(shopify.percentileMs(1.0)).isEqualTo(-1L);
    }

    @Test
    void shouldCountAnOutcomeWithoutADurationOutOfThePercentiles() {
        MinuteTally tally = new MinuteTally(clock);
        tally.count("shopify", "processed");
        tally.record("shopify", "accepted", Duration.ofMillis(40));

        MinuteTally.ProviderTally shopify = tally.since(START.minusSeconds(60)).get("shopify");

        assertThat(shopify.outcomes()).isEqualTo(Map.of("processed", 1L, "accepted", 1L));
        assertThat(shopify.percentileMs(0.5)).isEqualTo(50L);
    }

    @Test
    void shouldForgetWhatIsOlderThanADay() {
        MinuteTally tally = new MinuteTally(clock);
        tally.record("shopify", "accepted", Duration.ofMillis(4));
        clock.set(START.plus(Duration.ofDays(1)));
        tally.record("shopify", "invalid_signature", Duration.ofMillis(4));

        assertThat(tally.since(START.minus(Duration.ofDays(2))).get("shopify").outcomes()).isEqualTo(Map.of("invalid_signature", 1L));
    }
}
