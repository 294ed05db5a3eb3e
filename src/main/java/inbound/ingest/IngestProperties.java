package inbound.ingest;

/** Exchange property names the ingest steps hand to one another. */
public final class IngestProperties {

    public static final String PROVIDER = "inbound.provider";
    public static final String RAW_BODY = "inbound.rawBody";
    public static final String JSON = "inbound.json";
    public static final String FORM = "inbound.form";
    public static final String HANDSHAKE_ANSWER = "inbound.handshakeAnswer";
    public static final String EVENT_ID = "inbound.eventId";
    /** The trace header the shape was invoked under, where it has one (a Lambda invocation's X-Ray trace). */
    public static final String INVOCATION_TRACE_HEADER = "inbound.invocationTraceHeader";

    private IngestProperties() {
    }
}
