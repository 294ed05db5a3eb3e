package inbound.worker;

import inbound.queue.SqsHeaders;
import static org.assertj.core.api.Assertions.assertThat;

import inbound.queue.EventAttributes;
import inbound.testing.SqsEventFixtures;
import java.util.HashMap;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/** One queued message puts the same worker exchange whatever brought it: the server's consumer, the worker function, a direct replay. */
class QueuedMessageTest {

    private final CamelContext context = new DefaultCamelContext();
    private final QueuedMessage record = SqsEventFixtures.records("sqs-fifo-two-groups.json").get(0);

    private Exchange written(QueuedMessage message) {
        Exchange exchange = new DefaultExchange(context);
        message.writeTo(exchange);
        return exchange;
    }

    /** The record as the SDK receives it (from the queue, or from the dead-letter queue). */
    private static Message sdkMessage(QueuedMessage message, Map<String, String> extraAttributes) {
        Map<String, MessageAttributeValue> attributes = new HashMap<>();
        Map<String, String> all = new HashMap<>(message.attributes());
        all.putAll(extraAttributes);
        all.forEach((name, value) -> attributes.put(name, MessageAttributeValue.builder().dataType("String").stringValue(value).build()));
        return Message.builder().messageId(message.messageId()).body(message.body()).messageAttributes(attributes)
                .attributes(Map.of(MessageSystemAttributeName.MESSAGE_GROUP_ID, message.groupId(),
                        MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, message.receiveCount(),
                        MessageSystemAttributeName.SENT_TIMESTAMP, "1795946400000"))
                .build();
    }

    @Test
    void shouldPutAnEventSourceRecordsBodyAttributesGroupAndReceiveCountOnTheExchange() {
        Exchange exchange = written(record);

        assertThat(exchange.getMessage().getBody(String.class)).isEqualTo(record.body()).startsWith("{\"id\":");
        assertThat(exchange.getMessage().getHeaders()).containsOnlyKeys(EventAttributes.PROVIDER, EventAttributes.TOPIC,
                EventAttributes.EVENT_ID, EventAttributes.DELIVERY_ID, EventAttributes.RECEIVED_AT,
                SqsHeaders.MESSAGE_GROUP_ID, SqsHeaders.RECEIVE_COUNT);
        assertThat(exchange.getMessage().getHeader(SqsHeaders.MESSAGE_GROUP_ID)).isEqualTo("shopify:shop-a.myshopify.com");
        assertThat(exchange.getMessage().getHeader(SqsHeaders.RECEIVE_COUNT)).isEqualTo("1");
        assertThat(exchange.getProperty(WorkerProperties.DIRECT_REPLAY)).isNull();
    }

    @Test
    void shouldPutTheServerConsumersMessageAsTheWorkerFunctionsRecord() {
        Message received = sdkMessage(record, Map.of());
        Exchange consumed = new DefaultExchange(context);
        // as camel-aws2-sqs leaves a received message
        consumed.getMessage().setBody(received.body());
        consumed.getMessage().setHeader("CamelAwsSqsMessageId", received.messageId());
        consumed.getMessage().setHeader("CamelAwsSqsReceiptHandle", "AQEB-receipt");
        consumed.getMessage().setHeader(QueuedMessage.CONSUMER_SYSTEM_ATTRIBUTES_HEADER, received.attributes());
        consumed.getMessage().setHeader(QueuedMessage.CONSUMER_MESSAGE_ATTRIBUTES_HEADER, received.messageAttributes());

        new ConsumedMessage().process(consumed);

        assertThat(QueuedMessage.consumed(consumed.getMessage())).isEqualTo(record);
        assertThat(consumed.getMessage().getHeaders()).containsAllEntriesOf(written(record).getMessage().getHeaders())
                .containsEntry("CamelAwsSqsReceiptHandle", "AQEB-receipt");
        assertThat(consumed.getMessage().getBody(String.class)).isEqualTo(record.body());
    }

    @Test
    void shouldPutADirectReplayAlikeInProcessAndThroughTheWorkerFunction() {
        Message deadLetter = sdkMessage(record, Map.of("errorCode", "schema_violation", "failedStage", "validate"));
        QueuedMessage inProcess = QueuedMessage.directReplay(deadLetter, 2);
        QueuedMessage throughTheFunction = QueuedMessage.ofEventRecord(inProcess.messageId(), inProcess.body(),
                Map.of(SqsHeaders.MESSAGE_GROUP_ID, inProcess.groupId(), SqsHeaders.RECEIVE_COUNT, inProcess.receiveCount()),
                inProcess.eventSourceAttributes());

        assertThat(inProcess.eventSourceAttributes()).containsEntry(EventAttributes.REPLAY_MODE, EventAttributes.DIRECT_REPLAY_MODE);
        assertThat(throughTheFunction).isEqualTo(inProcess);
        Exchange exchange = written(throughTheFunction);
        assertThat(exchange.getProperty(WorkerProperties.DIRECT_REPLAY)).isEqualTo(true);
        assertThat(exchange.getMessage().getHeaders())
                .containsEntry(EventAttributes.REPLAY_COUNT, "2")
                .containsEntry(SqsHeaders.RECEIVE_COUNT, "1")
                .containsEntry(SqsHeaders.MESSAGE_GROUP_ID, "shopify:shop-a.myshopify.com")
                .containsEntry("errorCode", "schema_violation")
                .doesNotContainKey(EventAttributes.REPLAY_MODE);
    }

    @Test
    void shouldNotTakeTheDirectReplayMarkFromAMessageTheServerConsumerReceived() {
        Message marked = sdkMessage(record, Map.of(EventAttributes.REPLAY_MODE, EventAttributes.DIRECT_REPLAY_MODE));
        Exchange consumed = new DefaultExchange(context);
        consumed.getMessage().setHeader(QueuedMessage.CONSUMER_SYSTEM_ATTRIBUTES_HEADER, marked.attributes());
        consumed.getMessage().setHeader(QueuedMessage.CONSUMER_MESSAGE_ATTRIBUTES_HEADER, marked.messageAttributes());

        new ConsumedMessage().process(consumed);

        assertThat(consumed.getProperty(WorkerProperties.DIRECT_REPLAY)).isNull();
    }

    @Test
    void shouldNotLetAMessageAttributePassForOneOfCamelsHeaders() {
        Map<String, String> attributes = new HashMap<>(record.attributes());
        attributes.put("CamelAwsSqsReceiptHandle", "forged");
        Exchange exchange = new DefaultExchange(context);
        exchange.getMessage().setHeader("CamelAwsSqsReceiptHandle", "AQEB-receipt");

        QueuedMessage.ofEventRecord(record.messageId(), record.body(), Map.of(), attributes).writeTo(exchange);

        assertThat(exchange.getMessage().getHeader("CamelAwsSqsReceiptHandle")).isEqualTo("AQEB-receipt");
    }
}
