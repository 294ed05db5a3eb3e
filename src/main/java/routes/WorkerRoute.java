package routes;

import inbound.worker.WorkerProperties;
import org.apache.camel.builder.RouteBuilder;

/**
 * The worker both shapes call: read the queued event, skip it if it was processed before, validate it
 * deeply against its provider's JSON Schema, run the user's processing route for its provider
 * and topic if there is one, and record it in the database. A receive of up to ten messages (the
 * server's SQS consumer, or an SQS event in the worker function) enters one message after another
 * at {@link #RECEIVED}: a message is started only while its receive has time left, and a failing
 * message holds back the later messages of its own group in that receive, and only those.
 */
public class WorkerRoute extends RouteBuilder {

    public static final String ENDPOINT = "direct:worker";
    public static final String RECEIVED = "direct:received-message";

    @Override
    public void configure() {
        from(RECEIVED)
                .routeId("received-message")
                // the worker route has dealt with (and logged) any failure: here it only has to reach
                // the receiver, which then leaves the message on the queue
                .errorHandler(noErrorHandler())
                .process("receiveDeadline")
                .process("groupHoldBack")
                .to(ENDPOINT);

        from(ENDPOINT)
                .routeId("worker")
                .routeConfigurationId(WorkerErrorHandling.ID)
                .process("queuedEventReader")
                .filter(exchangeProperty(WorkerProperties.ALREADY_PROCESSED).isEqualTo(false))
                    .process("schemaSelection")
                    .process("schemaValidation")
                    .process("processorSelection")
                    .process("userProcessing")
                    .process("processedRecorder")
                .end();
    }
}
