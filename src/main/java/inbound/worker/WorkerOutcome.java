package inbound.worker;

import inbound.store.EventStatus;
import java.util.Optional;

/** Which outcome of the worker a recorded status counts as, in the metrics of both shapes ({@code inbound_worker_events_total}). */
public final class WorkerOutcome {

    private WorkerOutcome() {
    }

    /** {@code processed}, {@code dead_lettered}, or {@code retried} (taken again after a failure); nothing for the other states. */
    public static Optional<String> of(EventStatus status) {
        return switch (status.status()) {
            case EventStatus.PROCESSED -> Optional.of("processed");
            case EventStatus.DEAD_LETTERED -> Optional.of("dead_lettered");
            case EventStatus.ACCEPTED -> status.errorCode() == null ? Optional.empty() : Optional.of("retried");
            default -> Optional.empty();
        };
    }
}
