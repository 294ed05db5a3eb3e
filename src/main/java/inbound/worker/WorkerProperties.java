package inbound.worker;

/** Exchange property names the worker steps hand to one another. */
public final class WorkerProperties {

    public static final String EVENT = "inbound.event";
    /** The payload as JSON, for validation (a form body as an object of its parameters). */
    public static final String PAYLOAD = "inbound.payload";
    public static final String SCHEMA = "inbound.schema";
    public static final String PROCESSOR_URI = "inbound.processorUri";
    public static final String ALREADY_PROCESSED = "inbound.alreadyProcessed";
    /** Set when an operator runs one dead letter through the worker: a failure then leaves it where it is. */
    public static final String DIRECT_REPLAY = "inbound.directReplay";
    /** Which {@link WorkerOutcome} the run of the event came to, set by the step that decided it. */
    public static final String OUTCOME = "inbound.workerOutcome";
    /** The instant after which a receiver's message is no longer started ({@link ReceiveDeadline}), when the receiver sets it. */
    public static final String START_DEADLINE = "inbound.startDeadline";

    private WorkerProperties() {
    }
}
