package inbound.deadletter;

import com.networknt.schema.ValidationMessage;
import inbound.worker.PermanentFailure;
import java.time.Instant;
import java.util.stream.Collectors;
import org.apache.camel.component.jsonvalidator.JsonValidationException;

/** Why an event was dead-lettered: a code, a human sentence, the stage that failed, when, after how many receives. */
public record DeadLetterReason(String code, String message, String stage, Instant failedAt, int receiveCount) {

    public static final String PROPERTY = "inbound.deadLetterReason";

    private static final int MAX_MESSAGE_LENGTH = 1000;

    /**
     * The reason for a permanent failure (ours, or a schema violation reported by camel-json-validator),
     * or for a transient one on the event's last receive.
     */
    public static DeadLetterReason of(Throwable failure, Instant failedAt, int receiveCount) {
        if (failure instanceof JsonValidationException invalid && invalid.getNumberOfErrors() > 0) {
            String errors = invalid.getErrors().stream().map(ValidationMessage::getMessage).sorted().collect(Collectors.joining("; "));
            return new DeadLetterReason("schema_violation", truncate("The event does not match its schema: " + errors),
                    "validate", failedAt, receiveCount);
        }
        if (failure instanceof PermanentFailure permanent) {
            return new DeadLetterReason(permanent.code(), truncate(permanent.getMessage()), permanent.stage(), failedAt, receiveCount);
        }
        if (failure instanceof JsonValidationException) {
            return new DeadLetterReason("unreadable_payload", "The payload could not be read for validation.", "validate", failedAt, receiveCount);
        }
        String error = failure == null ? "unknown" : failure.getClass().getSimpleName() + ": " + failure.getMessage();
        return new DeadLetterReason("max_receives_exceeded", truncate("Failed on its last receive; the last error: " + error),
                "process", failedAt, receiveCount);
    }

    private static String truncate(String message) {
        return message.length() <= MAX_MESSAGE_LENGTH ? message : message.substring(0, MAX_MESSAGE_LENGTH - 1) + "…";
    }
}
