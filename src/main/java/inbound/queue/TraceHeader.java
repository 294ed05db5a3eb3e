package inbound.queue;

import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeValue;

/**
 * The trace an event follows from ingest through the queue to the worker and its replays, in AWS X-Ray's trace
 * header form ({@code Root=1-<8 hex: epoch seconds>-<24 hex>[;Parent=<16 hex>][;Sampled=0|1]}): its root is the
 * trace id every log line of the event carries. It travels as the SQS message system attribute
 * {@link #SYSTEM_ATTRIBUTE}, where X-Ray reads it with active tracing on, and which counts neither towards a
 * message's ten attributes nor towards its size.
 */
public record TraceHeader(String root, Optional<String> parent, Optional<String> sampled) {

    public static final String SYSTEM_ATTRIBUTE = "AWSTraceHeader";
    private static final Pattern ROOT = Pattern.compile("1-[0-9a-f]{8}-[0-9a-f]{24}");
    private static final Pattern PARENT = Pattern.compile("[0-9a-f]{16}");
    private static final Pattern SAMPLED = Pattern.compile("[01?]");
    /** Far longer than any header X-Ray writes: a longer one is not read at all. */
    private static final int MAX_LENGTH = 256;

    /**
     * The header in {@code value}, of its root, parent and sampling decision (X-Ray's other fields, such as
     * {@code Lineage}, are left out); empty when there is none or it is not well-formed.
     */
    public static Optional<TraceHeader> parse(String value) {
        if (value == null || value.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        String root = null;
        String parent = null;
        String sampled = null;
        for (String field : value.split(";")) {
            int equals = field.indexOf('=');
            String name = equals < 0 ? field.strip() : field.substring(0, equals).strip();
            String content = equals < 0 ? "" : field.substring(equals + 1).strip();
            switch (name) {
                case "Root" -> root = content;
                case "Parent" -> parent = content;
                case "Sampled" -> sampled = content;
                default -> {
                    // another field X-Ray may add: not carried
                }
            }
        }
        if (root == null || !ROOT.matcher(root).matches() || parent != null && !PARENT.matcher(parent).matches()
                || sampled != null && !SAMPLED.matcher(sampled).matches()) {
            return Optional.empty();
        }
        return Optional.of(new TraceHeader(root, Optional.ofNullable(parent), Optional.ofNullable(sampled)));
    }

    /** A trace begun here, at {@code now}, with no sampling decision: X-Ray, where it is on, makes its own. */
    public static TraceHeader begin(Instant now) {
        // 96 random bits of a random UUID, its version and variant left out (UUID's random stays unique after a SnapStart restore)
        UUID random = UUID.randomUUID();
        String unique = HexFormat.of().toHexDigits(random.getMostSignificantBits()).substring(0, 12)
                + HexFormat.of().toHexDigits(random.getLeastSignificantBits()).substring(4);
        return new TraceHeader("1-" + HexFormat.of().toHexDigits((int) now.getEpochSecond()) + "-" + unique,
                Optional.empty(), Optional.empty());
    }

    /** The trace id log lines carry: the root. */
    public String traceId() {
        return root;
    }

    /** The header as SQS carries it. */
    public String header() {
        return "Root=" + root + parent.map(value -> ";Parent=" + value).orElse("") + sampled.map(value -> ";Sampled=" + value).orElse("");
    }

    /** The system attributes that send the exchange's trace ({@link EventAttributes#TRACE_PROPERTY}) with its message: none without one. */
    public static Map<String, MessageSystemAttributeValue> systemAttributes(Exchange exchange) {
        TraceHeader trace = exchange.getProperty(EventAttributes.TRACE_PROPERTY, TraceHeader.class);
        return trace == null ? Map.of() : trace.systemAttributes();
    }

    /** The system attributes that send this trace with a message. */
    public Map<String, MessageSystemAttributeValue> systemAttributes() {
        return Map.of(SYSTEM_ATTRIBUTE, MessageSystemAttributeValue.builder().dataType("String").stringValue(header()).build());
    }

    /** The trace a received message carries in its system attributes (SQS's names), if it carries a well-formed one. */
    public static Optional<TraceHeader> ofSystemAttributes(Map<String, String> systemAttributes) {
        return systemAttributes == null ? Optional.empty() : parse(systemAttributes.get(SYSTEM_ATTRIBUTE));
    }
}
