package inbound.bench;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code mvn -q -Pcost -DskipTests verify}: what the Lambda shape costs per million webhooks, from
 * the Terraform module's defaults (infra/terraform/variables.tf), the checked-in price table and the
 * Lambda benchmark's checked-in figures: for the default deployment, without the authorizer, and on
 * the other architecture; then what the static IP entry adds. Prints Markdown tables (docs/cost.md).
 * {@code -Dcost.eventBytes} sets the webhooks' size, {@code -Dcost.prices} another price table.
 */
public final class CostPerMillionEvents {

    private static final Path MODULE = Path.of("infra", "terraform");
    private static final Path PRICES = Path.of("src", "test", "resources", "cost", "aws-prices.json");
    private static final Path FIGURES = Path.of("src", "test", "resources", "cost", "lambda-figures.json");
    /** About the size of the benchmark's webhooks (2–4 KB). */
    private static final long DEFAULT_EVENT_BYTES = 4096;

    private CostPerMillionEvents() {
    }

    public static void main(String[] args) throws Exception {
        Path pricesFile = Path.of(option("cost.prices", PRICES.toString()));
        long eventBytes = Long.parseLong(option("cost.eventBytes", String.valueOf(DEFAULT_EVENT_BYTES)));
        PriceTable prices = PriceTable.read(pricesFile);
        DeploymentDefaults defaults = DeploymentDefaults.read(MODULE);
        LambdaFigures figures = LambdaFigures.read(FIGURES);
        CostModel model = new CostModel(prices, defaults, figures, eventBytes);

        printInputs(prices, pricesFile, defaults, figures, eventBytes);
        CostModel.Deployment standard = model.defaultDeployment();
        CostModel.Deployment otherArchitecture = standard.onArchitecture("arm64".equals(standard.architecture()) ? "x86_64" : "arm64");
        Map<String, List<CostModel.Line>> costs = new LinkedHashMap<>();
        costs.put("default (" + standard + ")", model.perMillionEvents(standard));
        for (CostModel.Deployment deployment : List.of(standard.withAuthorizer(!standard.authorizer()), otherArchitecture,
                otherArchitecture.withAuthorizer(!standard.authorizer()))) {
            costs.put(deployment.toString(), model.perMillionEvents(deployment));
        }
        printTable(costs);

        CostModel.StaticIpEntry staticIp = model.staticIpEntry();
        System.out.printf(Locale.ROOT, "%nStatic IP entry (static_ip_entry = true): $%.2f a month whatever the traffic (accelerator, load balancer,"
                + " VPC endpoint in %d Availability Zones, %.0f hours), and per million events:%n%n",
                staticIp.usdPerMonth(), CostModel.STATIC_IP_AVAILABILITY_ZONES, CostModel.HOURS_PER_MONTH);
        printTable(Map.of("static IP entry", staticIp.perMillionEvents()));
    }

    private static void printInputs(PriceTable prices, Path pricesFile, DeploymentDefaults defaults, LambdaFigures figures, long eventBytes) {
        System.out.printf(Locale.ROOT, "Prices: %s, read on %s (%s).%n", prices.region(), prices.readOn(), pricesFile);
        System.out.printf(Locale.ROOT, "Terraform defaults (%s): memory %s; architectures [\"%s\"]; enable_authorizer %s; worker_batch_size %d.%n",
                MODULE, defaults.memoryMb().entrySet().stream().map(memory -> memory.getKey() + " " + memory.getValue() + " MB")
                        .collect(Collectors.joining(", ")), defaults.architecture(), defaults.authorizer(), defaults.workerBatchSize());
        System.out.printf(Locale.ROOT, "Measured (%s, `%s`, %s):%n", FIGURES, figures.command(), figures.measuredAt());
        for (String function : List.of("authorizer", "ingest", "worker")) {
            LambdaFigures.Function measured = figures.of(function);
            System.out.printf(Locale.ROOT, "  %s: warm mean %.2f ms, %.0f log bytes per invocation, peak resident memory %.0f MiB of %d MB%n",
                    function, measured.meanWarmMs(), measured.logBytesPerInvocation(), measured.peakResidentMib(), defaults.memoryMb().get(function));
        }
        System.out.printf(Locale.ROOT, "Webhooks of %d bytes, one event per worker invocation.%n%n", eventBytes);
    }

    /** One column per deployment, one row per item (a dash where a deployment does not pay for it), and the totals. */
    private static void printTable(Map<String, List<CostModel.Line>> costs) {
        List<Map<String, Double>> columns = costs.values().stream()
                .map(CostModel::byItem)
                .toList();
        System.out.println("| $ per million events | " + String.join(" | ", costs.keySet()) + " |");
        System.out.println("|---|" + "---:|".repeat(costs.size()));
        columns.stream().flatMap(column -> column.keySet().stream()).distinct().forEach(item -> System.out.println("| " + item + " | "
                + columns.stream().map(column -> column.containsKey(item) ? String.format(Locale.ROOT, "%.4f", column.get(item)) : "–")
                        .collect(Collectors.joining(" | ")) + " |"));
        System.out.println("| **total** | " + costs.values().stream().map(lines -> String.format(Locale.ROOT, "**%.2f**", CostModel.total(lines)))
                .collect(Collectors.joining(" | ")) + " |");
    }

    /** A -D option the Maven profile passes through; empty or absent means its default. */
    private static String option(String name, String defaultValue) {
        String value = System.getProperty(name, "");
        return value.isBlank() ? defaultValue : value;
    }
}
