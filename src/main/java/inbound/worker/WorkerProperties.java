package inbound.worker;

/**
 * Exchange property names the worker steps hand to one another. The schema URI is read by a
 * {@code toD} expression, where a dot would start a method call: hence its name without dots.
 */
public final class WorkerProperties {

    public static final String EVENT = "inbound.event";
    public static final String SCHEMA_URI = "InboundSchemaUri";
    public static final String PROCESSOR_URI = "inbound.processorUri";
    public static final String ALREADY_PROCESSED = "inbound.alreadyProcessed";

    private WorkerProperties() {
    }
}
