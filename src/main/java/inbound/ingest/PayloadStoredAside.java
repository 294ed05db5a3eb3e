package inbound.ingest;

import inbound.claimcheck.ClaimCheck;
import inbound.claimcheck.PayloadPointer;
import inbound.queue.QueueWriteRejected;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores a body the {@link ClaimCheck} keeps out of the queue, durably, and puts its pointer in the
 * message's place, with the body's size as the pointer's attribute. A store that cannot take it (a full
 * disk) is answered like a queue that cannot: 503, and the provider retries.
 */
public final class PayloadStoredAside implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(PayloadStoredAside.class);

    private final ClaimCheck claimCheck;

    public PayloadStoredAside(ClaimCheck claimCheck) {
        this.claimCheck = claimCheck;
    }

    @Override
    public void process(Exchange exchange) {
        byte[] body = exchange.getProperty(IngestProperties.RAW_BODY, byte[].class);
        if (!claimCheck.storesAside(body.length)) {
            return;
        }
        PayloadPointer pointer;
        try {
            pointer = claimCheck.store(exchange.getProperty(IngestProperties.EVENT_ID, String.class), body);
        } catch (UncheckedIOException notStored) {
            LOG.warn("A payload could not be stored: {}", notStored.getCause().getMessage());
            throw new QueueWriteRejected("The event could not be stored; retry later.");
        }
        Message message = exchange.getMessage();
        message.setBody(pointer.toBody().getBytes(StandardCharsets.UTF_8));
        message.setHeader(PayloadPointer.SIZE_ATTRIBUTE, String.valueOf(body.length));
    }
}
