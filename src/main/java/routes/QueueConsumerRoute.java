package routes;

import org.apache.camel.builder.RouteBuilder;

/**
 * The server shape's worker entry point: an SQS consumer receiving up to ten messages at a time,
 * each put on its exchange as the worker function's records are and handed to the shared worker; the
 * finished ones are deleted together after the receive, and a message whose run failed stays on the
 * queue and comes again.
 */
public class QueueConsumerRoute extends RouteBuilder {

    @Override
    public void configure() {
        from("{{inbound.worker.uri}}")
                .routeId("queue-consumer")
                .autoStartup("{{inbound.worker.enabled}}")
                .routePolicyRef("workerCircuitBreaker")
                .errorHandler(noErrorHandler())
                .process("batchedDeletes")
                .process("consumedMessage")
                .to(WorkerRoute.RECEIVED);
    }
}
