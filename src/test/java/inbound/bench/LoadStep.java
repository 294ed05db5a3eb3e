package inbound.bench;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one offered rate produced: answers by status, latencies of the 202s, end-to-end figures, and
 * where the CPU went (cores' worth used by the server and by the load generator, the machine's busy
 * fraction, and the server's CPU milliseconds per accepted event).
 */
record LoadStep(double offeredPerSecond, double seconds, int sent, int accepted, Map<Integer, Integer> refusedByStatus,
        double acceptedPerSecond, double p50Ms, double p90Ms, double p99Ms, double maxMs,
        double endToEndP50Ms, double endToEndP99Ms, double processedPerSecond, long backlogBefore, long backlogAfter,
        double serverCores, double loadCores, double machineBusy, double serverCpuMsPerAcceptedEvent) {

    static double percentile(double[] sorted, double fraction) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(fraction * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    static double[] sorted(double[] values) {
        double[] copy = values.clone();
        Arrays.sort(copy);
        return copy;
    }

    static Map<Integer, Integer> emptyCounts() {
        return new TreeMap<>();
    }
}
