package routes;

import static org.assertj.core.api.Assertions.assertThat;

import inbound.queue.EventAttributes;
import inbound.queue.SqsHeaders;
import inbound.worker.WorkerCircuitBreaker;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * The server shape's queue consumer, entered at a direct: endpoint in place of the SQS consumer, with
 * the worker mocked and the batched deletes recorded: what a received message carries to the worker.
 */
class QueueConsumerRouteTest extends InboundRouteTestSupport {

    private final List<String> handedToDeletes = new CopyOnWriteArrayList<>();
    private MockEndpoint worker;

    @Override
    protected Properties overrides() {
        Properties properties = new Properties();
        properties.put("inbound.worker.uri", "direct:from-the-queue");
        return properties;
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        context.getRegistry().unbind("batchedDeletes");
        Processor recordDelete = exchange -> handedToDeletes.add(exchange.getMessage().getHeader(SqsHeaders.RECEIPT_HANDLE, String.class));
        context.getRegistry().bind("batchedDeletes", recordDelete);
        return context;
    }

    @Override
    protected RoutesBuilder[] createRouteBuilders() {
        return new RoutesBuilder[] {new QueueConsumerRoute()};
    }

    @BeforeEach
    void mockTheWorker() throws Exception {
        AdviceWith.adviceWith(context, "queue-consumer", route -> route.weaveByToUri(WorkerRoute.RECEIVED).replace().to("mock:worker"));
        context.start();
        worker = getMockEndpoint("mock:worker");
    }

    @Test
    void shouldHandAReceivedMessageToTheWorkerWithItsGroupReceiveCountAndAttributes() throws Exception {
        worker.expectedMessageCount(1);
        worker.expectedBodiesReceived("{\"id\": 1}");
        worker.expectedHeaderReceived(SqsHeaders.MESSAGE_GROUP_ID, "shopify:acme.myshopify.com");
        worker.expectedHeaderReceived(SqsHeaders.RECEIVE_COUNT, "2");
        worker.expectedHeaderReceived(EventAttributes.EVENT_ID, "evt-1");

        template.send("direct:from-the-queue", this::consumed);

        worker.assertIsSatisfied();
        assertThat(handedToDeletes).containsExactly("receipt-1");
    }

    @Test
    void shouldRunUnderTheWorkersCircuitBreaker() {
        assertThat(context.getRoute("queue-consumer").getRoutePolicyList()).hasAtLeastOneElementOfType(WorkerCircuitBreaker.class);
    }

    /** What camel-aws2-sqs's consumer puts on an exchange for a received message. */
    private void consumed(Exchange exchange) {
        exchange.getMessage().setBody("{\"id\": 1}");
        exchange.getMessage().setHeader("CamelAwsSqsMessageId", "m-1");
        exchange.getMessage().setHeader(SqsHeaders.RECEIPT_HANDLE, "receipt-1");
        exchange.getMessage().setHeader("CamelAwsSqsAttributes", Map.of(
                MessageSystemAttributeName.MESSAGE_GROUP_ID, "shopify:acme.myshopify.com",
                MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "2"));
        exchange.getMessage().setHeader("CamelAwsSqsMessageAttributes", Map.of(
                EventAttributes.EVENT_ID, MessageAttributeValue.builder().dataType("String").stringValue("evt-1").build()));
    }
}
