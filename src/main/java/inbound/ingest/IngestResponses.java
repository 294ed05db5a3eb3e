package inbound.ingest;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import inbound.support.JsonAnswers;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes the ingest route's own answers: 202 with the event id, and a provider's endpoint check. */
public final class IngestResponses {

    private static final Logger LOG = LoggerFactory.getLogger(IngestResponses.class);

    private IngestResponses() {
    }

    public static void accepted(Exchange exchange) {
        String eventId = exchange.getProperty(IngestProperties.EVENT_ID, String.class);
        LOG.info("Webhook accepted: event {} queued", eventId);
        JsonAnswers.answer(exchange, 202, JsonNodeFactory.instance.objectNode().put("id", eventId));
    }

    /** The answer to a provider's endpoint check (see {@link HandshakeCheck}): 200 with the prepared body. */
    public static void handshake(Exchange exchange) {
        JsonAnswers.answer(exchange, 200, exchange.getProperty(IngestProperties.HANDSHAKE_ANSWER, String.class));
    }
}
