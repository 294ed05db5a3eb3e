package routes;

import inbound.worker.PermanentFailure;
import inbound.worker.WorkerProperties;
import org.apache.camel.LoggingLevel;
import org.apache.camel.Predicate;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.apache.camel.component.jsonvalidator.JsonValidationException;
import org.apache.camel.model.language.RefExpression;

/**
 * How the worker treats failures. Permanent ones (schema violation, unreadable payload, no schema in
 * strict mode) go straight to the dead-letter queue with their reason, without retries. Everything
 * else is taken as transient (database unreachable, timeouts): retried in process with exponential
 * backoff, then left unacknowledged so the queue delivers it again — and on its last receive
 * ({@code inbound.queue.max-receive-count}) the worker moves it to the dead-letter queue itself, durably
 * before its message is deleted; the queue's own redrive is set higher, as a backstop. An operator's
 * direct replay of one dead letter runs the same rules without writing a new dead letter: it stays
 * where it is, and its status carries the new reason.
 */
public class WorkerErrorHandling extends RouteConfigurationBuilder {

    public static final String ID = "worker-errors";
    /** The step that writes to the dead-letter queue; tests replace it by this id. */
    public static final String DEAD_LETTER_STEP = "dead-letter";
    /** The step that writes an event to the dead-letter queue on its last receive; tests replace it by this id. */
    public static final String LAST_RECEIVE_DEAD_LETTER_STEP = "dead-letter-on-last-receive";

    @Override
    public void configuration() {
        routeConfiguration(ID)
                .onException(PermanentFailure.class, JsonValidationException.class)
                    .handled(true)
                    .process("deadLetterEnvelope")
                    .filter(exchangeProperty(WorkerProperties.DIRECT_REPLAY).isNull())
                        .process("deadLetterWriter").id(DEAD_LETTER_STEP)
                    .end()
                    .process("deadLetterRecorder")
                .end()
                .onException(Exception.class)
                    .maximumRedeliveries("{{inbound.worker.retries}}")
                    .redeliveryDelay("{{inbound.worker.retry-delay-ms}}")
                    .useExponentialBackOff()
                    .backOffMultiplier(2)
                    .retryAttemptedLogLevel(LoggingLevel.DEBUG)
                    // the ref language, not the bean one: the worker function's zip has no camel-bean
                    .handled((Predicate) new RefExpression("receiveLimit"))
                    .filter(new RefExpression("receiveLimit"))
                        .process("deadLetterEnvelope")
                        .process("deadLetterWriter").id(LAST_RECEIVE_DEAD_LETTER_STEP)
                    .end()
                    .process("transientFailureRecorder")
                .end();
    }
}
