package inbound.health;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import inbound.queue.QueueSettings;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.ServiceStatus;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.GetQueueUrlRequest;

/** Answers 200 when the ingest route runs and the event queue answers, else 503; the body says which part is down. */
public final class HealthCheck implements Processor {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SqsClient sqs;
    private final QueueSettings queues;

    public HealthCheck(SqsClient sqs, QueueSettings queues) {
        this.sqs = sqs;
        this.queues = queues;
    }

    @Override
    public void process(Exchange exchange) {
        ServiceStatus ingest = exchange.getContext().getRouteController().getRouteStatus("ingest");
        boolean routesUp = ingest != null && ingest.isStarted();
        boolean queueUp = queueAnswers();
        ObjectNode body = JSON.createObjectNode()
                .put("status", routesUp && queueUp ? "UP" : "DOWN")
                .put("routes", routesUp ? "UP" : "DOWN")
                .put("queue", queueUp ? "UP" : "DOWN");
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, routesUp && queueUp ? 200 : 503);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getMessage().setBody(body.toString());
    }

    private boolean queueAnswers() {
        try {
            sqs.getQueueUrl(GetQueueUrlRequest.builder().queueName(queues.queueName()).build());
            return true;
        } catch (SdkException e) {
            return false;
        }
    }
}
