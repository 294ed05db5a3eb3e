package inbound.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Reading and writing X-Ray trace headers: what Lambda and SQS hand over is read, anything else is not. */
class TraceHeaderTest {

    @Test
    void shouldReadTheRootParentAndSamplingOfALambdaInvocationsHeaderAndLeaveTheRest() {
        Optional<TraceHeader> header = TraceHeader.parse("Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1;Lineage=a87bd80c:0");

        assertThat(header).get().satisfies(trace -> {
            assertThat(trace.traceId()).isEqualTo("1-5759e988-bd862e3fe1be46a994272793");
            assertThat(trace.header()).isEqualTo("Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1");
        });
    }

    @Test
    void shouldReadARootAlone() {
        assertThat(TraceHeader.parse("Root=1-5759e988-bd862e3fe1be46a994272793")).get().extracting(TraceHeader::header)
                .isEqualTo("Root=1-5759e988-bd862e3fe1be46a994272793");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Parent=53995c3f42cd8ad8", "Root=1-5759e988-bd862e3fe1be46a99427279", "Root=2-5759e988-bd862e3fe1be46a994272793",
            "Root=1-5759e988-BD862E3FE1BE46A994272793", "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=xyz",
            "Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=yes", "Root=1-5759e988-bd862e3fe1be46a994272793\\n{\"level\":\"ERROR\"}"})
    void shouldNotReadAHeaderThatIsNotWellFormed(String value) {
        assertThat(TraceHeader.parse(value)).isEmpty();
    }

    @Test
    void shouldNotReadAnAbsentOrOverlongHeader() {
        assertThat(TraceHeader.parse(null)).isEmpty();
        assertThat(TraceHeader.parse("Root=1-5759e988-bd862e3fe1be46a994272793;Lineage=" + "a".repeat(300))).isEmpty();
    }

    @Test
    void shouldBeginATraceOfItsTimeAndUniqueIdThatReadsBack() {
        Instant now = Instant.parse("2026-12-02T10:00:00Z");

        TraceHeader first = TraceHeader.begin(now);
        TraceHeader second = TraceHeader.begin(now);

        assertThat(first.traceId()).matches("1-" + Long.toHexString(now.getEpochSecond()) + "-[0-9a-f]{24}").isNotEqualTo(second.traceId());
        assertThat(TraceHeader.parse(first.header())).contains(first);
    }
}
