package inbound.server;

import inbound.queue.QueueDepth;
import inbound.support.MetricNames;
import inbound.support.PipelineMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The server shape's meters, under {@link MetricNames}, with the JVM's and the process's own, scraped as
 * Prometheus text at {@code GET /metrics}. Micrometer names its meters with dots and adds the unit and
 * {@code _total} on export: each name here is the exported one, taken back to Micrometer's form.
 */
final class ServerMetrics implements PipelineMetrics, AutoCloseable {

    /** A send carries one to ten events (SQS's most per batch): a bucket for each. */
    private static final double[] SEND_BATCH_BUCKETS = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();

    ServerMetrics() {
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    /** A webhook answered: its provider, HTTP status, reason and how long it took. */
    void ingestAnswered(String provider, int status, String reason, Duration took) {
        Counter.builder(micrometerName(MetricNames.INGEST_REQUESTS)).tag(MetricNames.PROVIDER, provider)
                .tag(MetricNames.STATUS, String.valueOf(status)).tag(MetricNames.REASON, reason).register(registry).increment();
        Timer.builder(micrometerName(MetricNames.INGEST_DURATION)).tag(MetricNames.PROVIDER, provider).publishPercentileHistogram()
                .register(registry).record(took);
    }

    @Override
    public void workerEvent(String provider, String outcome, Optional<Duration> ran, Optional<Duration> sinceReceived) {
        Counter.builder(micrometerName(MetricNames.WORKER_EVENTS)).tag(MetricNames.PROVIDER, provider).tag(MetricNames.OUTCOME, outcome)
                .register(registry).increment();
        ran.ifPresent(took -> Timer.builder(micrometerName(MetricNames.WORKER_DURATION)).tag(MetricNames.PROVIDER, provider)
                .publishPercentileHistogram().register(registry).record(took));
        sinceReceived.ifPresent(took -> Timer.builder(micrometerName(MetricNames.END_TO_END)).tag(MetricNames.PROVIDER, provider)
                .publishPercentileHistogram().register(registry).record(took));
    }

    @Override
    public void queueSendBatch(int events) {
        DistributionSummary.builder(micrometerName(MetricNames.QUEUE_SEND_BATCH_SIZE)).serviceLevelObjectives(SEND_BATCH_BUCKETS)
                .register(registry).record(events);
    }

    @Override
    public void replayed(String mode, String outcome) {
        Counter.builder(micrometerName(MetricNames.REPLAYS)).tag(MetricNames.MODE, mode).tag(MetricNames.OUTCOME, outcome)
                .register(registry).increment();
    }

    /** The queue's depth, read from it at each scrape (NaN when it does not answer). */
    void queue(String name, QueueDepth depth) {
        gauge(name, "visible", depth, reading -> reading.read().visible());
        gauge(name, "in_flight", depth, reading -> reading.read().inFlight());
    }

    private void gauge(String queue, String state, QueueDepth depth, ToDoubleFunction<QueueDepth> value) {
        Gauge.builder(micrometerName(MetricNames.QUEUE_MESSAGES), depth, reading -> {
            try {
                return value.applyAsDouble(reading);
            } catch (SdkException unreachable) {
                return Double.NaN;
            }
        }).strongReference(true).tag(MetricNames.QUEUE, queue).tag(MetricNames.STATE, state).register(registry);
    }

    String scrape() {
        return registry.scrape();
    }

    static String micrometerName(String exported) {
        return exported.replaceFirst("_(total|seconds)$", "").replace('_', '.');
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
