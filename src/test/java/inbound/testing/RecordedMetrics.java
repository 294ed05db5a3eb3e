package inbound.testing;

import inbound.support.PipelineMetrics;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** Pipeline metrics that keep what they were told, for a test to read. */
public final class RecordedMetrics implements PipelineMetrics {

    /** One {@link #workerEvent}. */
    public record WorkerEvent(String provider, String outcome, Optional<Duration> ran, Optional<Duration> sinceReceived) {
    }

    /** One {@link #replayed}. */
    public record Replay(String mode, String outcome) {
    }

    private final List<WorkerEvent> workerEvents = new CopyOnWriteArrayList<>();
    private final List<Integer> sendBatches = new CopyOnWriteArrayList<>();
    private final List<Replay> replays = new CopyOnWriteArrayList<>();

    @Override
    public void workerEvent(String provider, String outcome, Optional<Duration> ran, Optional<Duration> sinceReceived) {
        workerEvents.add(new WorkerEvent(provider, outcome, ran, sinceReceived));
    }

    @Override
    public void queueSendBatch(int events) {
        sendBatches.add(events);
    }

    @Override
    public void replayed(String mode, String outcome) {
        replays.add(new Replay(mode, outcome));
    }

    public List<WorkerEvent> workerEvents() {
        return List.copyOf(workerEvents);
    }

    /** The outcomes of {@link #workerEvents}, in order. */
    public List<String> workerOutcomes() {
        return workerEvents.stream().map(WorkerEvent::outcome).toList();
    }

    public List<Integer> sendBatches() {
        return List.copyOf(sendBatches);
    }

    public List<Replay> replays() {
        return List.copyOf(replays);
    }
}
