package inbound.ingest;

import java.io.IOException;
import java.io.InputStream;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Refuses bodies over the limit with 413 and leaves the body as the exact raw bytes. A declared
 * Content-Length over the limit is refused before reading; a streamed body is read no further than
 * one byte past the limit.
 */
public final class BodySizeLimit implements Processor {

    private final long maxBytes;

    public BodySizeLimit(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public void process(Exchange exchange) throws IOException {
        Long declared = exchange.getMessage().getHeader(Exchange.CONTENT_LENGTH, Long.class);
        if (declared != null && declared > maxBytes) {
            throw IngestRefusals.bodyTooLarge(maxBytes);
        }
        Object body = exchange.getMessage().getBody();
        byte[] raw = body instanceof InputStream stream ? readAtMostLimit(stream) : exchange.getMessage().getBody(byte[].class);
        if (raw == null) {
            raw = new byte[0];
        }
        if (raw.length > maxBytes) {
            throw IngestRefusals.bodyTooLarge(maxBytes);
        }
        exchange.setProperty(IngestProperties.RAW_BODY, raw);
        exchange.getMessage().setBody(raw);
    }

    private byte[] readAtMostLimit(InputStream stream) throws IOException {
        try (stream) {
            byte[] raw = stream.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (raw.length > maxBytes) {
                throw IngestRefusals.bodyTooLarge(maxBytes);
            }
            return raw;
        }
    }
}
