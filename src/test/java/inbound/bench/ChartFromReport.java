package inbound.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Draws the charts of an earlier run again from its report.json: {@code ChartFromReport target/bench}. */
public final class ChartFromReport {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ChartFromReport() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "target/bench");
        JsonNode report = JSON.readTree(dir.resolve("report.json").toFile());
        List<LoadStep> steps = new ArrayList<>();
        for (JsonNode step : report.path("steps")) {
            steps.add(JSON.treeToValue(step, LoadStep.class));
        }
        double single = report.path("baseline").path("sendMessagePerSecond").asDouble();
        double batch = report.path("baseline").path("sendMessageBatchMessagesPerSecond").asDouble();
        LatencyChart.write(dir.resolve("latency.png"), steps, single, batch);
        LatencyChart.writeSvg(dir.resolve("latency.svg"), steps, single, batch);
    }
}
