package inbound.worker;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** The server consumer's step that puts a received message on its exchange as every other source does: by {@link QueuedMessage}. */
public final class ConsumedMessage implements Processor {

    @Override
    public void process(Exchange exchange) {
        QueuedMessage.consumed(exchange.getMessage()).writeTo(exchange);
    }
}
