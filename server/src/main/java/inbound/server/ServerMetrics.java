package inbound.server;

import inbound.queue.QueueDepth;
import inbound.store.EventStatus;
import inbound.support.MetricNames;
import inbound.worker.WorkerOutcome;
import io.micrometer.core.instrument.Counter;
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
import java.util.function.ToDoubleFunction;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The server shape's meters, under {@link MetricNames}, with the JVM's and the process's own, scraped as
 * Prometheus text at {@code GET /metrics}. Micrometer names its meters with dots and adds the unit and
 * {@code _total} on export: each name here is the exported one, taken back to Micrometer's form.
 */
final class ServerMetrics implements AutoCloseable {

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

    /** A status the worker (or a replay) recorded. */
    void statusSaved(EventStatus status) {
        String provider = status.provider() == null ? "unknown" : status.provider();
        WorkerOutcome.of(status).ifPresent(outcome -> workerEvent(provider, outcome));
        if (status.status().equals(EventStatus.PROCESSED) && status.receivedAt() != null) {
            Timer.builder(micrometerName(MetricNames.END_TO_END)).tag(MetricNames.PROVIDER, provider).publishPercentileHistogram()
                    .register(registry).record(Duration.between(status.receivedAt(), status.updatedAt()));
        }
        if (status.status().equals(EventStatus.REPLAYED)) {
            Counter.builder(micrometerName(MetricNames.REPLAYS)).tag(MetricNames.MODE, "queue").tag(MetricNames.OUTCOME, "moved")
                    .register(registry).increment();
        }
    }

    private void workerEvent(String provider, String outcome) {
        Counter.builder(micrometerName(MetricNames.WORKER_EVENTS)).tag(MetricNames.PROVIDER, provider).tag(MetricNames.OUTCOME, outcome)
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
