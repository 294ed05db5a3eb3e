package inbound.wiring;

import inbound.settings.SettingsReader;
import java.time.Duration;

/**
 * How the worker's steps run: the visibility a receive's messages start with, where the JSON Schemas
 * are and whether an event without one fails, when the circuit breaker opens and probes, and how long a
 * replay may keep receiving from the dead-letter queue.
 */
public record WorkerSettings(Duration visibilityTimeout, String schemasLocation, boolean strictSchemas, int circuitBreakerFailures,
        Duration circuitBreakerWindow, Duration circuitBreakerProbeInterval, Duration deadLetterVisitLimit) {

    public static WorkerSettings read(SettingsReader settings) {
        return new WorkerSettings(
                settings.seconds("inbound.worker.visibility-timeout-seconds", 1),
                settings.text("inbound.schemas.location"),
                settings.flag("inbound.worker.strict-schemas"),
                settings.integer("inbound.worker.circuit-breaker.failures", 1, Integer.MAX_VALUE),
                settings.millis("inbound.worker.circuit-breaker.window-ms", 1),
                settings.millis("inbound.worker.circuit-breaker.probe-interval-ms", 1),
                settings.millis("inbound.dlq.visit-limit-ms", 1));
    }
}
