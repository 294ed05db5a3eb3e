package inbound.health;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import inbound.embedded.EmbeddedQueueDurability;
import inbound.embedded.EmbeddedQueueRestore;
import inbound.ingest.QueueFullGuard;
import inbound.queue.QueueSettings;
import inbound.queue.QueueUrl;
import inbound.support.JsonAnswers;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.ServiceStatus;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Answers 200 when the webhook routes (and the worker, where enabled) run and the event queue answers, else 503; the body says which
 * part is down; {@code "ingest": "restoring"} (with {@code restoreRemaining}) while a restart still sends the embedded
 * queue's stored messages again, and {@code "ingest": "queue_full"} while it is too full to take new events.
 */
public final class HealthCheck implements Processor {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SqsClient sqs;
    private final QueueSettings queues;
    private final boolean workerEnabled;

    public HealthCheck(SqsClient sqs, QueueSettings queues, boolean workerEnabled) {
        this.sqs = sqs;
        this.queues = queues;
        this.workerEnabled = workerEnabled;
    }

    @Override
    public void process(Exchange exchange) {
        boolean routesUp = started(exchange, "ingest") && started(exchange, "webhook-http")
                && (!workerEnabled || started(exchange, "queue-consumer"));
        EmbeddedQueueDurability embedded = exchange.getContext().getRegistry().findSingleByType(EmbeddedQueueDurability.class);
        EmbeddedQueueRestore restore = exchange.getContext().getRegistry().findSingleByType(EmbeddedQueueRestore.class);
        Optional<String> queueBroken = (embedded == null ? Optional.<String>empty() : embedded.brokenReason())
                .or(() -> restore == null ? Optional.empty() : restore.failure());
        boolean queueUp = queueBroken.isEmpty() && QueueUrl.answers(sqs, queues.queueName());
        ObjectNode body = JSON.createObjectNode()
                .put("status", routesUp && queueUp ? "UP" : "DOWN")
                .put("routes", routesUp ? "UP" : "DOWN")
                .put("queue", queueUp ? "UP" : "DOWN");
        queueBroken.ifPresent(reason -> body.put("reason", reason));
        if (restore != null && restore.running()) {
            // up: events of every group whose stored messages are back are taken, the others answered queue_restoring
            body.put("ingest", "restoring").put("restoreRemaining", restore.remaining());
        }
        QueueFullGuard queueFull = exchange.getContext().getRegistry().findSingleByType(QueueFullGuard.class);
        if (queueFull != null && queueFull.refusing()) {
            // refusing new events by design, still up: the worker drains the queue
            body.put("ingest", "queue_full");
        }
        JsonAnswers.answer(exchange, routesUp && queueUp ? 200 : 503, body);
    }

    private static boolean started(Exchange exchange, String routeId) {
        ServiceStatus status = exchange.getContext().getRouteController().getRouteStatus(routeId);
        return status != null && status.isStarted();
    }
}
