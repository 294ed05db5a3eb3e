package inbound.worker;

import org.apache.camel.Exchange;

/**
 * The outcomes of the worker that {@code inbound_worker_events_total} counts, each noted on the event's exchange
 * ({@link WorkerProperties#OUTCOME}) by the step that decided it, for {@link WorkerOutcomeCounter} to count once
 * the run is over.
 */
public final class WorkerOutcome {

    public static final String PROCESSED = "processed";
    /** Processed before (a provider's retry after the queue's deduplication window, a replay): skipped. */
    public static final String DUPLICATE = "duplicate";
    public static final String DEAD_LETTERED = "dead_lettered";
    /** Failed transiently, left on the queue to be received again. */
    public static final String RETRIED = "retried";
    /** Not run, behind an earlier message of its group that failed; it comes again, in order. */
    public static final String HELD_BACK = "held_back";

    private WorkerOutcome() {
    }

    public static void note(Exchange exchange, String outcome) {
        exchange.setProperty(WorkerProperties.OUTCOME, outcome);
    }
}
