package inbound.store;

import java.time.Instant;

/** One step of an event's timeline: the state it entered, when, and — for a failure — why. */
public record EventTransition(
        String status,
        String errorCode,
        String errorMessage,
        String failedStage,
        int receiveCount,
        int replayCount,
        Instant at) {
}
