package inbound.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The calculator's arithmetic, on round prices and figures whose results can be worked out by hand. */
class CostModelTest {

    private static final DeploymentDefaults DEFAULTS = new DeploymentDefaults(Map.of("authorizer", 512, "ingest", 1024, "worker", 1024), "arm64", true, 10);
    private static final LambdaFigures FIGURES = new LambdaFigures("mvn -q -Plambda-bench -DskipTests verify", "2026-12-02T00:00:00Z", Map.of(
            "authorizer", new LambdaFigures.Function(1.2, 100, 100),
            "ingest", new LambdaFigures.Function(20.0, 400, 150),
            "worker", new LambdaFigures.Function(7.5, 300, 150)));
    private static final double GB = 1024.0 * 1024 * 1024;

    @Test
    void theDefaultDeploymentPaysEachRequestAndEachFunctionsDurationRoundedUpToTheMillisecond() {
        Map<String, Double> lines = CostModel.byItem(model(4096).perMillionEvents(model(4096).defaultDeployment()));

        assertThat(lines.keySet()).containsExactly("API Gateway REST API requests", "Lambda requests", "Lambda duration, authorizer",
                "Lambda duration, ingest", "Lambda duration, worker", "SQS FIFO requests", "CloudWatch Logs, the functions' own lines");
        assertThat(lines.get("API Gateway REST API requests")).isCloseTo(3.5, within(1e-12));
        // authorizer, ingest and worker
        assertThat(lines.get("Lambda requests")).isCloseTo(3 * 0.2, within(1e-12));
        // 2 ms (1.2 rounded up) at 0.5 GB, a million times, at $0.00001 per GB-second
        assertThat(lines.get("Lambda duration, authorizer")).isCloseTo(1e6 * 0.002 * 0.5 * 0.00001, within(1e-12));
        assertThat(lines.get("Lambda duration, ingest")).isCloseTo(1e6 * 0.020 * 1 * 0.00001, within(1e-12));
        assertThat(lines.get("Lambda duration, worker")).isCloseTo(1e6 * 0.008 * 1 * 0.00001, within(1e-12));
        // send, receive, delete
        assertThat(lines.get("SQS FIFO requests")).isCloseTo(3 * 0.5, within(1e-12));
        assertThat(lines.get("CloudWatch Logs, the functions' own lines")).isCloseTo(1e6 * 800 / GB * 0.5, within(1e-12));
        assertThat(CostModel.total(model(4096).perMillionEvents(model(4096).defaultDeployment())))
                .isCloseTo(3.5 + 0.6 + 0.01 + 0.2 + 0.08 + 1.5 + 1e6 * 800 / GB * 0.5, within(1e-9));
    }

    @Test
    void withoutTheAuthorizerItsRequestItsDurationAndItsLogLinesAreNotPaid() {
        CostModel model = model(4096);
        Map<String, Double> lines = CostModel.byItem(model.perMillionEvents(model.defaultDeployment().withAuthorizer(false)));

        assertThat(lines).doesNotContainKey("Lambda duration, authorizer");
        assertThat(lines.get("Lambda requests")).isCloseTo(2 * 0.2, within(1e-12));
        assertThat(lines.get("CloudWatch Logs, the functions' own lines")).isCloseTo(1e6 * 700 / GB * 0.5, within(1e-12));
        assertThat(lines.get("API Gateway REST API requests")).isCloseTo(3.5, within(1e-12));
    }

    @Test
    void onX86TheDurationIsPaidAtItsOwnPricePerGbSecond() {
        CostModel model = model(4096);
        Map<String, Double> lines = CostModel.byItem(model.perMillionEvents(model.defaultDeployment().onArchitecture("x86_64")));

        assertThat(lines.get("Lambda duration, ingest")).isCloseTo(1e6 * 0.020 * 1 * 0.00002, within(1e-12));
        assertThat(lines.get("Lambda requests")).isCloseTo(3 * 0.2, within(1e-12));
    }

    @Test
    void aBodyOverSixtyFourKilobytesCountsTwiceInEachCallThatCarriesIt() {
        CostModel model = model(64 * 1024 + 1);

        // the send and the receive carry two chunks each, the delete none
        assertThat(CostModel.byItem(model.perMillionEvents(model.defaultDeployment())).get("SQS FIFO requests")).isCloseTo((2 + 2 + 1) * 0.5, within(1e-12));
    }

    @Test
    void theStaticIpEntryCostsItsHoursAMonthAndPerEventItsBytesAndOneNewConnection() {
        CostModel.StaticIpEntry entry = model(4096).staticIpEntry();
        Map<String, Double> lines = CostModel.byItem(entry.perMillionEvents());

        // accelerator, load balancer, and the endpoint in two Availability Zones, for 730 hours
        assertThat(entry.usdPerMonth()).isCloseTo(730 * (0.025 + 0.0225 + 2 * 0.01), within(1e-9));
        assertThat(lines.get("Global Accelerator DT-Premium")).isCloseTo(1e6 * 4096 / GB * 0.015, within(1e-12));
        // 4 KB is far under the 1 GB an hour of a capacity unit: the 25 new connections a second decide
        assertThat(lines.get("Load balancer capacity units")).isCloseTo(1e6 / (25 * 3600.0) * 0.008, within(1e-12));
        assertThat(lines.get("VPC endpoint data processed")).isCloseTo(1e6 * 4096 / GB * 0.01, within(1e-12));
    }

    @Test
    void largeBodiesAreBilledByTheirBytesAtTheLoadBalancer() {
        Map<String, Double> lines = CostModel.byItem(model(1024 * 1024).staticIpEntry().perMillionEvents());

        assertThat(lines.get("Load balancer capacity units")).isCloseTo(1e6 / 1024.0 * 0.008, within(1e-12));
    }

    private static CostModel model(long eventBytes) {
        return new CostModel(roundPrices(), DEFAULTS, FIGURES, eventBytes);
    }

    private static PriceTable roundPrices() {
        Map<PriceTable.Item, Double> usd = Map.ofEntries(
                Map.entry(PriceTable.Item.API_GATEWAY_REST_REQUESTS_PER_MILLION, 3.5),
                Map.entry(PriceTable.Item.LAMBDA_REQUESTS_PER_MILLION, 0.2),
                Map.entry(PriceTable.Item.LAMBDA_ARM64_PER_GB_SECOND, 0.00001),
                Map.entry(PriceTable.Item.LAMBDA_X86_64_PER_GB_SECOND, 0.00002),
                Map.entry(PriceTable.Item.SQS_FIFO_REQUESTS_PER_MILLION, 0.5),
                Map.entry(PriceTable.Item.CLOUDWATCH_LOGS_INGESTED_PER_GB, 0.5),
                Map.entry(PriceTable.Item.GLOBAL_ACCELERATOR_PER_HOUR, 0.025),
                Map.entry(PriceTable.Item.GLOBAL_ACCELERATOR_DT_PREMIUM_PER_GB, 0.015),
                Map.entry(PriceTable.Item.APPLICATION_LOAD_BALANCER_PER_HOUR, 0.0225),
                Map.entry(PriceTable.Item.APPLICATION_LOAD_BALANCER_PER_LCU_HOUR, 0.008),
                Map.entry(PriceTable.Item.VPC_INTERFACE_ENDPOINT_PER_AZ_HOUR, 0.01),
                Map.entry(PriceTable.Item.VPC_INTERFACE_ENDPOINT_PER_GB, 0.01));
        Map<PriceTable.Item, PriceTable.Price> prices = new EnumMap<>(PriceTable.Item.class);
        usd.forEach((item, dollars) -> prices.put(item, new PriceTable.Price(dollars, "per unit", "https://aws.amazon.com/pricing/")));
        return new PriceTable("us-east-1", "2026-12-02", prices);
    }
}
