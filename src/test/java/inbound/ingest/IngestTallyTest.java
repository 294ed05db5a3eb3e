package inbound.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import inbound.testing.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The ingest tally over a clock the test moves: windows by whole minutes, outcomes by provider, percentiles by bucket, a day at most. */
class IngestTallyTest {

    private static final Instant START = Instant.parse("2026-12-01T10:00:30Z");

    private final SettableClock clock = new SettableClock(START);

    @Test
    void shouldCountOutcomesByProviderWithinTheWindow() {
        IngestTally tally = new IngestTally(clock);
        tally.record("shopify", IngestTally.ACCEPTED, Duration.ofMillis(4));
        tally.record("shopify", "invalid_signature", Duration.ofMillis(1));
        clock.set(START.plus(Duration.ofMinutes(2)));
        tally.record("shopify", IngestTally.ACCEPTED, Duration.ofMillis(40));
        tally.record("github", IngestTally.ACCEPTED, Duration.ofMillis(3));

        Map<String, IngestTally.ProviderTally> all = tally.since(START.minus(Duration.ofHours(1)));
        Map<String, IngestTally.ProviderTally> lastMinute = tally.since(clock.instant().minusSeconds(30));

        assertThat(all.get("shopify").outcomes()).isEqualTo(Map.of(IngestTally.ACCEPTED, 2L, "invalid_signature", 1L));
        assertThat(all.get("github").outcomes()).isEqualTo(Map.of(IngestTally.ACCEPTED, 1L));
        assertThat(lastMinute.get("shopify").outcomes()).isEqualTo(Map.of(IngestTally.ACCEPTED, 1L));
        assertThat(tally.acceptedPerMinuteSince(START.minus(Duration.ofHours(1)))).isEqualTo(Map.of(
                Instant.parse("2026-12-01T10:00:00Z"), 1L, Instant.parse("2026-12-01T10:02:00Z"), 2L));
        assertThat(tally.countingSince()).isEqualTo(START);
    }

    @Test
    void shouldReadPercentilesAsTheBoundOfTheirBucket() {
        IngestTally tally = new IngestTally(clock);
        for (int i = 0; i < 98; i++) {
            tally.record("shopify", IngestTally.ACCEPTED, Duration.ofMillis(4));
        }
        tally.record("shopify", IngestTally.ACCEPTED, Duration.ofMillis(120));
        tally.record("shopify", IngestTally.ACCEPTED, Duration.ofSeconds(30));

        IngestTally.ProviderTally shopify = tally.since(START.minusSeconds(60)).get("shopify");

        assertThat(shopify.percentileMs(0.5)).isEqualTo(5L);
        assertThat(shopify.percentileMs(0.99)).isEqualTo(150L);
        assertThat(shopify.percentileMs(1.0)).isEqualTo(-1L);
    }

    @Test
    void shouldForgetWhatIsOlderThanADay() {
        IngestTally tally = new IngestTally(clock);
        tally.record("shopify", IngestTally.ACCEPTED, Duration.ofMillis(4));
        clock.set(START.plus(Duration.ofDays(1)));
        tally.record("shopify", "invalid_signature", Duration.ofMillis(4));

        assertThat(tally.since(START.minus(Duration.ofDays(2))).get("shopify").outcomes()).isEqualTo(Map.of("invalid_signature", 1L));
    }
}
