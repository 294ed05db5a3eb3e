package inbound.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.spi.ILoggingEvent;
import inbound.queue.Overloaded;
import inbound.testing.CapturedLogs;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

class HeapGuardTest {

    private final AtomicReference<Double> heapAfterCollection = new AtomicReference<>(0.5);
    /** The guard's clock for its log lines: moved by the test alone. */
    private final AtomicLong nanoTime = new AtomicLong();
    private final HeapGuard guard = new HeapGuard(heapAfterCollection::get, 0.85, nanoTime::get);

    private static Exchange request() {
        return new DefaultExchange(new DefaultCamelContext());
    }

    @Test
    void shouldLetEventsThroughUpToTheLimit() {
        heapAfterCollection.set(0.85);

        assertThatCode(() -> guard.process(request())).doesNotThrowAnyException();
    }

    @Test
    void shouldRefuseEventsAsBusyWhileTheHeapIsFullerThanTheLimitAndTakeThemAgainAfter() {
        heapAfterCollection.set(0.9);

        assertThatThrownBy(() -> guard.process(request())).isInstanceOf(Overloaded.class);

        heapAfterCollection.set(0.75);
        assertThatCode(() -> guard.process(request())).doesNotThrowAnyException();
    }

    @Test
    void shouldKeepRefusingUntilTheHeapIsWellBelowTheLimitNotJustBelowIt() {
        heapAfterCollection.set(0.9);
        assertThatThrownBy(() -> guard.process(request())).isInstanceOf(Overloaded.class);

        heapAfterCollection.set(0.84);
        assertThatThrownBy(() -> guard.process(request())).as("just below the limit").isInstanceOf(Overloaded.class);
    }

    @Test
    void shouldLogWhenItStartsAndStopsRefusingNotForEachRequest() {
        try (CapturedLogs logs = new CapturedLogs(HeapGuard.class)) {
            heapAfterCollection.set(0.95);
            for (int i = 0; i < 3; i++) {
                assertThatThrownBy(() -> guard.process(request())).isInstanceOf(Overloaded.class);
            }
            heapAfterCollection.set(0.3);
            nanoTime.addAndGet(Duration.ofSeconds(10).toNanos());
            guard.process(request());
            guard.process(request());

            assertThat(logs.events()).extracting(ILoggingEvent::getFormattedMessage).containsExactly(
                    "The heap is 95% full after garbage collection (limit 85%): refusing new events with 503 until it is 80% or less",
                    "The heap is 30% full after garbage collection: taking events again (3 refused since the last line)");
        }
    }

    @Test
    void shouldLogAHeapThatKeepsCrossingTheLimitOncePerTenSecondsEndingWithItsState() {
        try (CapturedLogs logs = new CapturedLogs(HeapGuard.class)) {
            for (int flip = 0; flip < 5; flip++) {
                heapAfterCollection.set(0.9);
                assertThatThrownBy(() -> guard.process(request())).isInstanceOf(Overloaded.class);
                heapAfterCollection.set(0.7);
                guard.process(request());
                nanoTime.addAndGet(Duration.ofSeconds(1).toNanos());
            }
            nanoTime.addAndGet(Duration.ofSeconds(5).toNanos());
            guard.process(request());

            assertThat(logs.events()).extracting(ILoggingEvent::getFormattedMessage).containsExactly(
                    "The heap is 90% full after garbage collection (limit 85%): refusing new events with 503 until it is 80% or less",
                    "The heap is 70% full after garbage collection: taking events again (5 refused since the last line)");
        }
    }

    @Test
    void shouldNeverRefuseWithALimitOfAllTheHeap() {
        HeapGuard never = new HeapGuard(() -> 1.0, 1.0);

        assertThatCode(() -> never.process(request())).doesNotThrowAnyException();
    }

    @Test
    void shouldMeasureThisJvmsHeapAfterACollection() {
        HeapAfterCollection heap = HeapAfterCollection.ofThisJvm();

        System.gc();

        await().atMost(Duration.ofSeconds(10)).until(() -> heap.fraction() > 0);
        assertThat(heap.fraction()).isLessThan(1);
    }
}
