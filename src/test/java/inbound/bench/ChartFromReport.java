package inbound.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Draws the charts of an earlier run again from its report.json: {@code ChartFromReport target/bench}. */
public final class ChartFromReport {

    private ChartFromReport() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "target/bench");
        JsonNode report = new ObjectMapper().readTree(dir.resolve("report.json").toFile());
        List<LoadStep> steps = new ArrayList<>();
        for (JsonNode step : report.path("steps")) {
            steps.add(new LoadStep(step.path("offeredPerSecond").asDouble(), step.path("seconds").asDouble(), step.path("sent").asInt(),
                    step.path("accepted").asInt(), Map.of(), step.path("acceptedPerSecond").asDouble(), step.path("p50Ms").asDouble(),
                    step.path("p90Ms").asDouble(), step.path("p99Ms").asDouble(), step.path("maxMs").asDouble(),
                    step.path("endToEndP50Ms").asDouble(), step.path("endToEndP99Ms").asDouble(), step.path("processedPerSecond").asDouble(),
                    step.path("backlogBefore").asLong(), step.path("backlogAfter").asLong()));
        }
        double single = report.path("baseline").path("sendMessagePerSecond").asDouble();
        double batch = report.path("baseline").path("sendMessageBatchMessagesPerSecond").asDouble();
        LatencyChart.write(dir.resolve("latency.png"), steps, single, batch);
        LatencyChart.writeSvg(dir.resolve("latency.svg"), steps, single, batch);
    }
}
