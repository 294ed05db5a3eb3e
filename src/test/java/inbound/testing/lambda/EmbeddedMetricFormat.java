package inbound.testing.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import inbound.support.MetricNames;
import java.util.HashSet;
import java.util.Set;

/**
 * The rules of CloudWatch's Embedded Metric Format that a log line must keep for CloudWatch to take its metrics
 * (the format's specification: the {@code _aws} metadata, its directives, dimension sets and metric definitions,
 * the units CloudWatch knows, and the root members they name), and Inbound's own: every metric is one
 * {@link MetricNames} declares, under the one dimension set of its declared tags.
 */
public final class EmbeddedMetricFormat {

    private static final Set<String> UNITS = Set.of("Seconds", "Microseconds", "Milliseconds", "Bytes", "Kilobytes", "Megabytes",
            "Gigabytes", "Terabytes", "Bits", "Kilobits", "Megabits", "Gigabits", "Terabits", "Percent", "Count", "Bytes/Second",
            "Kilobytes/Second", "Megabytes/Second", "Gigabytes/Second", "Terabytes/Second", "Bits/Second", "Kilobits/Second",
            "Megabits/Second", "Gigabits/Second", "Terabits/Second", "Count/Second", "None");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_DIMENSIONS = 30;
    private static final int MAX_METRICS = 100;
    private static final int MAX_VALUES = 100;
    private static final Set<String> DECLARED_TAGS = new HashSet<>();

    static {
        MetricNames.TAGS.values().forEach(DECLARED_TAGS::addAll);
    }

    private EmbeddedMetricFormat() {
    }

    /** Fails, saying which rule, unless {@code line} is an Embedded Metric Format document of Inbound's metrics. */
    public static void check(JsonNode line) {
        JsonNode metadata = line.path("_aws");
        require(line.isObject() && metadata.isObject(), "the root is an object with an _aws object", line);
        require(metadata.path("Timestamp").isIntegralNumber() && metadata.path("Timestamp").asLong() > 0,
                "_aws.Timestamp is milliseconds since the epoch", line);
        JsonNode directives = metadata.path("CloudWatchMetrics");
        require(directives.isArray() && !directives.isEmpty(), "_aws.CloudWatchMetrics is an array of directives", line);
        for (JsonNode directive : directives) {
            String namespace = directive.path("Namespace").asText("");
            require(directive.path("Namespace").isTextual() && !namespace.isBlank() && namespace.length() <= 1024 && !namespace.startsWith(":"),
                    "a directive's Namespace is a name of 1 to 1024 characters", line);
            checkDimensions(line, directive.path("Dimensions"));
            checkMetrics(line, directive.path("Metrics"));
            for (JsonNode metric : directive.path("Metrics")) {
                require(directive.path("Dimensions").size() == 1
                        && directive.path("Dimensions").path(0).toString().equals(JSON.valueToTree(MetricNames.TAGS.get(metric.path("Name").asText())).toString()),
                        "each metric has the one dimension set of its tags in MetricNames: " + metric.path("Name").asText(), line);
            }
        }
    }

    private static void checkDimensions(JsonNode line, JsonNode dimensionSets) {
        require(dimensionSets.isArray(), "a directive's Dimensions is an array of dimension sets", line);
        for (JsonNode dimensionSet : dimensionSets) {
            require(dimensionSet.isArray() && dimensionSet.size() <= MAX_DIMENSIONS, "a dimension set is an array of at most 30 keys", line);
            for (JsonNode key : dimensionSet) {
                require(key.isTextual() && line.path(key.asText()).isTextual(), "each dimension key names a root member of text: " + key, line);
                require(DECLARED_TAGS.contains(key.asText()), "each dimension is a tag MetricNames declares: " + key, line);
            }
        }
    }

    private static void checkMetrics(JsonNode line, JsonNode metrics) {
        require(metrics.isArray() && !metrics.isEmpty() && metrics.size() <= MAX_METRICS, "a directive's Metrics is an array of 1 to 100", line);
        for (JsonNode metric : metrics) {
            String name = metric.path("Name").asText("");
            require(metric.path("Name").isTextual() && !name.isEmpty() && name.length() <= 1024, "a metric has a Name of 1 to 1024 characters", line);
            require(!metric.has("Unit") || UNITS.contains(metric.path("Unit").asText()), "a metric's Unit is one CloudWatch knows: " + metric, line);
            require(MetricNames.TAGS.containsKey(name), "each metric is one MetricNames declares: " + name, line);
            require(numbers(line.path(name)), "each metric names a root member that is a number or up to 100 of them: " + name, line);
        }
    }

    private static boolean numbers(JsonNode value) {
        if (value.isNumber()) {
            return true;
        }
        if (!value.isArray() || value.isEmpty() || value.size() > MAX_VALUES) {
            return false;
        }
        for (JsonNode each : value) {
            if (!each.isNumber()) {
                return false;
            }
        }
        return true;
    }

    private static void require(boolean kept, String rule, JsonNode line) {
        if (!kept) {
            throw new AssertionError("Not Embedded Metric Format (" + rule + "): " + line);
        }
    }
}
