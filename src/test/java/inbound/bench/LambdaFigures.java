package inbound.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the Lambda benchmark ({@link LambdaColdStart}) measured of each function, as a checked-in
 * copy of its report (src/test/resources/cost/lambda-figures.json) keeps it: the command that ran,
 * when, and per function the mean warm invocation, the log bytes it wrote and its peak memory.
 */
public record LambdaFigures(String command, String measuredAt, Map<String, Function> functions) {

    public record Function(double meanWarmMs, double logBytesPerInvocation, double peakResidentMib) {

        public Function {
            if (!(meanWarmMs > 0) || !(logBytesPerInvocation >= 0) || !(peakResidentMib > 0)) {
                throw new IllegalArgumentException("measured figures must be positive: " + meanWarmMs + " ms, " + logBytesPerInvocation
                        + " log bytes, " + peakResidentMib + " MiB");
            }
        }
    }

    public LambdaFigures {
        functions = Map.copyOf(functions);
    }

    public static LambdaFigures read(Path report) throws IOException {
        JsonNode root = new ObjectMapper().readTree(report.toFile());
        Map<String, Function> functions = new LinkedHashMap<>();
        for (JsonNode row : root.path("functions")) {
            functions.put(row.path("function").asText(), new Function(row.path("warmInvocationMs").path("mean").asDouble(Double.NaN),
                    row.path("logBytesPerWarmInvocation").path("mean").asDouble(Double.NaN), row.path("peakResidentMib").asDouble(Double.NaN)));
        }
        return new LambdaFigures(root.path("command").asText(), root.path("measuredAt").asText(), functions);
    }

    /** The figures of one function; fails, naming it, when the report has none. */
    public Function of(String function) {
        Function figures = functions.get(function);
        if (figures == null) {
            throw new IllegalArgumentException("the Lambda figures have no function " + function + " (they have " + functions.keySet() + ")");
        }
        return figures;
    }
}
