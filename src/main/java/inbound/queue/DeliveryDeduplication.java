package inbound.queue;

import org.apache.camel.Exchange;
import org.apache.camel.component.aws2.sqs.MessageDeduplicationIdStrategy;

/**
 * Takes the FIFO deduplication id from the provider's delivery (as prepared by ingest), so that a
 * provider's retry within the queue's deduplication window is queued once. camel-aws2-sqs would
 * otherwise use the exchange id, which is new for every request and so deduplicates nothing.
 */
public final class DeliveryDeduplication implements MessageDeduplicationIdStrategy {

    @Override
    public String getMessageDeduplicationId(Exchange exchange) {
        String id = exchange.getProperty(EventAttributes.DEDUPLICATION_ID_PROPERTY, String.class);
        if (id == null) {
            throw new IllegalStateException("no deduplication id prepared for this message");
        }
        return id;
    }
}
