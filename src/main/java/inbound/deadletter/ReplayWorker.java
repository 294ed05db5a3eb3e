package inbound.deadletter;

import java.time.Duration;
import org.apache.camel.CamelContext;
import software.amazon.awssdk.services.sqs.model.Message;

/** Runs one dead letter through the worker for a direct replay: in this process (server shape) or in the worker function (Lambda shape). */
public interface ReplayWorker {

    /** The worker's outcome; the caller deletes or releases the dead letter by it. */
    WorkerVerdict run(CamelContext context, Message deadLetter, int replayCount) throws Exception;

    /** The longest a run may take: the dead letter is kept from others that long. */
    Duration longestRun(CamelContext context);

    /** Processed, or not with the reason ({@code stage} says where it failed). */
    record WorkerVerdict(boolean processed, String errorCode, String errorMessage, String stage) {

        public static final WorkerVerdict PROCESSED = new WorkerVerdict(true, null, null, null);

        public static WorkerVerdict failed(String errorCode, String errorMessage, String stage) {
            return new WorkerVerdict(false, errorCode, errorMessage, stage);
        }
    }
}
