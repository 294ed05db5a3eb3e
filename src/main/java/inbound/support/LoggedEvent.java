package inbound.support;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.slf4j.MDC;

/**
 * Which event a log line concerns: its event id, provider, delivery id, message group and trace id, as far as
 * they are known (a field not known yet is null). On an exchange ({@link #PROPERTY}) it is put in the logging
 * context of every step the exchange runs ({@link EventLogContext}); a step handling several events, such as a
 * replay, puts each on its thread for its own lines ({@link #onThisThread}). Never a payload or a secret.
 */
public record LoggedEvent(String eventId, String provider, String deliveryId, String group, String traceId) {

    /** The exchange property it travels in. */
    public static final String PROPERTY = "inbound.loggedEvent";
    public static final String EVENT_ID = "eventId";
    public static final String PROVIDER = "provider";
    public static final String DELIVERY_ID = "deliveryId";
    public static final String GROUP = "group";
    public static final String TRACE_ID = "traceId";

    /** A request not yet known as an event: only its trace. */
    public static LoggedEvent ofTrace(String traceId) {
        return new LoggedEvent(null, null, null, null, traceId);
    }

    /** The event the exchange concerns, or null. */
    public static LoggedEvent of(Exchange exchange) {
        return exchange.getProperty(PROPERTY, LoggedEvent.class);
    }

    public void attachTo(Exchange exchange) {
        exchange.setProperty(PROPERTY, this);
    }

    /** The known fields by their names in a log line, in a stable order. */
    public Map<String, String> fields() {
        Map<String, String> fields = new LinkedHashMap<>();
        put(fields, EVENT_ID, eventId);
        put(fields, PROVIDER, provider);
        put(fields, DELIVERY_ID, deliveryId);
        put(fields, GROUP, group);
        put(fields, TRACE_ID, traceId);
        return fields;
    }

    private static void put(Map<String, String> fields, String name, String value) {
        if (value != null) {
            fields.put(name, value);
        }
    }

    /** Puts the known fields in this thread's logging context until the scope is closed, which puts back what was there. */
    public Scope onThisThread() {
        Map<String, String> before = new LinkedHashMap<>();
        Map<String, String> fields = fields();
        fields.forEach((name, value) -> {
            before.put(name, MDC.get(name));
            MDC.put(name, value);
        });
        return () -> before.forEach((name, value) -> {
            if (value == null) {
                MDC.remove(name);
            } else {
                MDC.put(name, value);
            }
        });
    }

    /** The time an event is in a thread's logging context. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
