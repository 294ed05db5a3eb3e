package inbound.support;

import java.time.Duration;
import java.util.Optional;
import org.apache.camel.CamelContext;

/**
 * What the pipeline's steps count, under {@link MetricNames}: each shape writes it its own way (the server as
 * Micrometer meters, the Lambda functions as Embedded Metric Format lines), bound as {@link #BEAN} before the
 * steps are built. Every value given here is bounded: a provider of the catalogue (else {@code unknown}) and
 * one of the outcomes each method names.
 */
public interface PipelineMetrics {

    String BEAN = "pipelineMetrics";

    /** Counts nothing: a context whose shape bound none. */
    PipelineMetrics NONE = new PipelineMetrics() {
        @Override
        public void workerEvent(String provider, String outcome, Optional<Duration> ran, Optional<Duration> sinceReceived) {
        }

        @Override
        public void queueSendBatch(int events) {
        }

        @Override
        public void replayed(String mode, String outcome) {
        }
    };

    /**
     * The worker dealt with an event: {@code outcome} is {@code processed}, {@code duplicate}, {@code dead_lettered},
     * {@code retried} or {@code held_back}; {@code ran} how long the worker ran it (empty when it was held back
     * unrun); {@code sinceReceived}, for a processed event, the time from its receipt at ingest.
     */
    void workerEvent(String provider, String outcome, Optional<Duration> ran, Optional<Duration> sinceReceived);

    /** One send to the queue carried this many events together. */
    void queueSendBatch(int events);

    /**
     * One dead letter replayed: {@code mode} {@code queue} (moved back to the main queue) with outcome {@code moved}
     * or {@code failed}, or {@code direct} (run through the worker at once) with {@code processed} or {@code failed}.
     */
    void replayed(String mode, String outcome);

    /** The metrics the context's shape bound, or {@link #NONE}. */
    static PipelineMetrics of(CamelContext context) {
        PipelineMetrics bound = context.getRegistry().lookupByNameAndType(BEAN, PipelineMetrics.class);
        return bound == null ? NONE : bound;
    }
}
