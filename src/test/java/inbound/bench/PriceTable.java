package inbound.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/**
 * AWS's prices for one region as the user keeps them (src/test/resources/cost/aws-prices.json):
 * the day they were read and, for each, its unit and the pricing page it comes from. Read once and
 * checked whole: a price missing, negative or without a source is refused with its name.
 */
public record PriceTable(String region, String readOn, Map<Item, Price> prices) {

    /** What Inbound's deployment pays for, each under its key in the file. */
    public enum Item {
        API_GATEWAY_REST_REQUESTS_PER_MILLION("apiGatewayRestRequestsPerMillion"),
        LAMBDA_REQUESTS_PER_MILLION("lambdaRequestsPerMillion"),
        LAMBDA_ARM64_PER_GB_SECOND("lambdaArm64PerGbSecond"),
        LAMBDA_X86_64_PER_GB_SECOND("lambdaX86_64PerGbSecond"),
        SQS_FIFO_REQUESTS_PER_MILLION("sqsFifoRequestsPerMillion"),
        CLOUDWATCH_LOGS_INGESTED_PER_GB("cloudWatchLogsIngestedPerGb"),
        GLOBAL_ACCELERATOR_PER_HOUR("globalAcceleratorPerHour"),
        GLOBAL_ACCELERATOR_DT_PREMIUM_PER_GB("globalAcceleratorDtPremiumPerGb"),
        APPLICATION_LOAD_BALANCER_PER_HOUR("applicationLoadBalancerPerHour"),
        APPLICATION_LOAD_BALANCER_PER_LCU_HOUR("applicationLoadBalancerPerLcuHour"),
        VPC_INTERFACE_ENDPOINT_PER_AZ_HOUR("vpcInterfaceEndpointPerAzHour"),
        VPC_INTERFACE_ENDPOINT_PER_GB("vpcInterfaceEndpointPerGb");

        private final String key;

        Item(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }
    }

    public record Price(double usd, String unit, String source) {

        public Price {
            if (!(usd >= 0)) {
                throw new IllegalArgumentException("a price must be 0 or more dollars, not " + usd);
            }
            if (unit == null || unit.isBlank() || source == null || !source.startsWith("https://")) {
                throw new IllegalArgumentException("a price needs its unit and the https:// address of its source");
            }
        }
    }

    public PriceTable {
        if (region == null || region.isBlank() || readOn == null || readOn.isBlank()) {
            throw new IllegalArgumentException("a price table names its region and the day its prices were read");
        }
        for (Item item : Item.values()) {
            if (!prices.containsKey(item)) {
                throw new IllegalArgumentException("the price table has no " + item.key());
            }
        }
        prices = Map.copyOf(prices);
    }

    public static PriceTable read(Path file) throws IOException {
        JsonNode table = new ObjectMapper().readTree(file.toFile());
        Map<Item, Price> prices = new EnumMap<>(Item.class);
        for (Item item : Item.values()) {
            JsonNode price = table.path("prices").path(item.key());
            if (price.isMissingNode()) {
                throw new IllegalArgumentException(file + " has no price " + item.key());
            }
            try {
                prices.put(item, new Price(price.path("usd").asDouble(Double.NaN), price.path("unit").asText(null), price.path("source").asText(null)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + ", price " + item.key() + ": " + e.getMessage(), e);
            }
        }
        return new PriceTable(table.path("region").asText(null), table.path("readOn").asText(null), prices);
    }

    public double usd(Item item) {
        return prices.get(item).usd();
    }
}
