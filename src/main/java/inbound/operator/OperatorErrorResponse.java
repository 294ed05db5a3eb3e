package inbound.operator;

import inbound.deadletter.DeadLetterBehindItsGroup;
import inbound.deadletter.DeadLetterNotFound;
import inbound.secrets.SecretUnavailable;
import inbound.support.JsonAnswers;
import inbound.support.Refusal;
import inbound.support.ThrownError;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers a failed operator request with a JSON error: its own status for a refusal, 404 for a missing dead
 * letter, 409 for one the queue cannot hand out now (behind earlier ones of its group), 500 for an Error a step threw, else 503
 * (a secret, such as the admin token's, that could not be read yet; the queue or the database).
 */
public final class OperatorErrorResponse implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(OperatorErrorResponse.class);

    @Override
    public void process(Exchange exchange) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        int status;
        String code;
        String message;
        if (failure instanceof Refusal refusal) {
            status = refusal.status();
            code = refusal.code();
            message = refusal.getMessage();
        } else if (failure instanceof DeadLetterNotFound notFound) {
            status = 404;
            code = "not_found";
            message = notFound.getMessage();
        } else if (failure instanceof DeadLetterBehindItsGroup behind) {
            status = 409;
            code = "behind_its_group";
            message = behind.getMessage();
        } else if (failure instanceof SecretUnavailable unavailable) {
            status = 503;
            code = "secret_unavailable";
            message = "A secret Inbound needs (the admin token's or the database's) could not be read yet; try again.";
            LOG.warn("Operator request failed: {}", unavailable.getMessage());
        } else if (failure instanceof ThrownError thrown) {
            status = 500;
            code = "internal";
            message = "Inbound failed unexpectedly; try again.";
            LOG.error("Operator request failed unexpectedly (a bug): {}", thrown.getCause().getClass().getName());
        } else {
            status = 503;
            code = "unavailable";
            message = "The queue or the database did not answer; try again.";
            LOG.warn("Operator request failed: {}", failure == null ? "unknown" : failure.getClass().getSimpleName() + ": " + failure.getMessage());
        }
        LOG.info("Operator request answered {} {}", status, code);
        JsonAnswers.error(exchange, status, code, message);
    }
}
