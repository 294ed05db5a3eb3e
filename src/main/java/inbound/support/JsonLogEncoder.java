package inbound.support;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.encoder.EncoderBase;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * One log line as one JSON object: {@code timestamp} (RFC 3339, as Lambda's log-level filtering reads it),
 * {@code level}, {@code logger}, {@code thread}, {@code message}, the event it concerns ({@link LoggedEvent}'s
 * fields, where known) and an {@code error} with its stack trace where one was logged.
 */
public final class JsonLogEncoder extends EncoderBase<ILoggingEvent> {

    private static final JsonFactory JSON = new JsonFactory();
    private static final byte[] NONE = new byte[0];
    private static final List<String> EVENT_FIELDS = List.of(LoggedEvent.EVENT_ID, LoggedEvent.PROVIDER, LoggedEvent.DELIVERY_ID,
            LoggedEvent.GROUP, LoggedEvent.TRACE_ID);

    @Override
    public byte[] headerBytes() {
        return NONE;
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        ByteArrayOutputStream line = new ByteArrayOutputStream(256);
        try (JsonGenerator json = JSON.createGenerator(line)) {
            json.writeStartObject();
            json.writeStringField("timestamp", event.getInstant().toString());
            json.writeStringField("level", event.getLevel().toString());
            json.writeStringField("logger", event.getLoggerName());
            json.writeStringField("thread", event.getThreadName());
            json.writeStringField("message", event.getFormattedMessage());
            Map<String, String> context = event.getMDCPropertyMap();
            for (String field : EVENT_FIELDS) {
                String value = context.get(field);
                if (value != null) {
                    json.writeStringField(field, value);
                }
            }
            IThrowableProxy error = event.getThrowableProxy();
            if (error != null) {
                json.writeObjectFieldStart("error");
                json.writeStringField("type", error.getClassName());
                json.writeStringField("message", error.getMessage());
                json.writeStringField("stack", ThrowableProxyUtil.asString(error));
                json.writeEndObject();
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        line.write('\n');
        return line.toByteArray();
    }

    @Override
    public byte[] footerBytes() {
        return NONE;
    }
}
