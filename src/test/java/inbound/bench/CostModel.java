package inbound.bench;

import static inbound.bench.PriceTable.Item.API_GATEWAY_REST_REQUESTS_PER_MILLION;
import static inbound.bench.PriceTable.Item.APPLICATION_LOAD_BALANCER_PER_HOUR;
import static inbound.bench.PriceTable.Item.APPLICATION_LOAD_BALANCER_PER_LCU_HOUR;
import static inbound.bench.PriceTable.Item.CLOUDWATCH_LOGS_INGESTED_PER_GB;
import static inbound.bench.PriceTable.Item.GLOBAL_ACCELERATOR_DT_PREMIUM_PER_GB;
import static inbound.bench.PriceTable.Item.GLOBAL_ACCELERATOR_PER_HOUR;
import static inbound.bench.PriceTable.Item.LAMBDA_ARM64_PER_GB_SECOND;
import static inbound.bench.PriceTable.Item.LAMBDA_REQUESTS_PER_MILLION;
import static inbound.bench.PriceTable.Item.LAMBDA_X86_64_PER_GB_SECOND;
import static inbound.bench.PriceTable.Item.SQS_FIFO_REQUESTS_PER_MILLION;
import static inbound.bench.PriceTable.Item.VPC_INTERFACE_ENDPOINT_PER_AZ_HOUR;
import static inbound.bench.PriceTable.Item.VPC_INTERFACE_ENDPOINT_PER_GB;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the Lambda shape costs per million webhooks, from a price table, the Terraform defaults and
 * the measured figures of each function. Per event: one API Gateway request; one invocation of
 * the authorizer (when it is in the path), of ingest and of the worker, each billed for its mean
 * warm duration rounded up to the millisecond at the memory Terraform gives it; SQS's send,
 * receive and delete; and the log bytes the functions wrote. The worker receives one event per
 * invocation, the low-traffic case the benchmark measures (full batches divide the worker's and the
 * queue's share, but their duration is not measured). Not counted: cold starts, retries, the API's
 * access log line and Lambda's own START/END/REPORT lines, which only AWS writes.
 */
public final class CostModel {

    /** AWS's pricing pages count a month as 730 hours. */
    static final double HOURS_PER_MONTH = 730;
    /** SQS bills every 64 KB chunk of a request's payload as one request. */
    static final long SQS_BILLED_CHUNK_BYTES = 64 * 1024;
    /** A GB as AWS bills data: 2^30 bytes. */
    static final double BYTES_PER_GB = 1024.0 * 1024 * 1024;
    /** One load balancer capacity unit for an hour covers 25 new connections a second (or 1 GB processed). */
    static final double NEW_CONNECTIONS_PER_LCU_HOUR = 25 * 3600;
    /** A load balancer needs subnets in two Availability Zones; the API's VPC endpoint has an interface in each. */
    static final int STATIC_IP_AVAILABILITY_ZONES = 2;
    private static final double MILLION = 1_000_000;

    /** A way to deploy the module: the functions' architecture and whether the authorizer is in the path. */
    public record Deployment(String architecture, boolean authorizer) {

        public Deployment {
            if (!List.of("arm64", "x86_64").contains(architecture)) {
                throw new IllegalArgumentException("Lambda runs arm64 or x86_64, not " + architecture);
            }
        }

        public Deployment withAuthorizer(boolean inThePath) {
            return new Deployment(architecture, inThePath);
        }

        public Deployment onArchitecture(String other) {
            return new Deployment(other, authorizer);
        }

        @Override
        public String toString() {
            return architecture + ", " + (authorizer ? "with" : "without") + " the authorizer";
        }

        List<String> functionsPerEvent() {
            return authorizer ? List.of("authorizer", "ingest", "worker") : List.of("ingest", "worker");
        }
    }

    public record Line(String item, double usdPerMillionEvents) {
    }

    /** The static IP entry (static_ip_entry = true): what it costs a month whatever the traffic, and per million events. */
    public record StaticIpEntry(double usdPerMonth, List<Line> perMillionEvents) {
    }

    private final PriceTable prices;
    private final DeploymentDefaults defaults;
    private final LambdaFigures figures;
    private final long eventBytes;

    /** @param eventBytes the size of one webhook's body */
    public CostModel(PriceTable prices, DeploymentDefaults defaults, LambdaFigures figures, long eventBytes) {
        if (eventBytes < 1) {
            throw new IllegalArgumentException("an event has at least one byte, not " + eventBytes);
        }
        this.prices = prices;
        this.defaults = defaults;
        this.figures = figures;
        this.eventBytes = eventBytes;
    }

    /** The deployment the module's defaults make. */
    public Deployment defaultDeployment() {
        return new Deployment(defaults.architecture(), defaults.authorizer());
    }

    public List<Line> perMillionEvents(Deployment deployment) {
        List<String> functions = deployment.functionsPerEvent();
        List<Line> lines = new ArrayList<>();
        lines.add(new Line("API Gateway REST API requests", prices.usd(API_GATEWAY_REST_REQUESTS_PER_MILLION)));
        lines.add(new Line("Lambda requests", functions.size() * prices.usd(LAMBDA_REQUESTS_PER_MILLION)));
        double perGbSecond = prices.usd("arm64".equals(deployment.architecture()) ? LAMBDA_ARM64_PER_GB_SECOND : LAMBDA_X86_64_PER_GB_SECOND);
        for (String function : functions) {
            double billedSeconds = Math.ceil(figures.of(function).meanWarmMs()) / 1000;
            lines.add(new Line("Lambda duration, " + function, MILLION * billedSeconds * defaults.memoryGb(function) * perGbSecond));
        }
        // ingest's SendMessageBatch and the event source mapping's ReceiveMessage carry the body; the delete does not
        long chunks = (eventBytes + SQS_BILLED_CHUNK_BYTES - 1) / SQS_BILLED_CHUNK_BYTES;
        lines.add(new Line("SQS FIFO requests", (2 * chunks + 1) * prices.usd(SQS_FIFO_REQUESTS_PER_MILLION)));
        double logBytes = functions.stream().mapToDouble(function -> figures.of(function).logBytesPerInvocation()).sum();
        lines.add(new Line("CloudWatch Logs, the functions' own lines", MILLION * logBytes / BYTES_PER_GB * prices.usd(CLOUDWATCH_LOGS_INGESTED_PER_GB)));
        return lines;
    }

    /**
     * Global Accelerator, a load balancer and the API's VPC endpoint in front of the same API: hourly
     * charges, and per event its bytes through each (inbound, the dominant direction for webhooks)
     * and one new connection at the load balancer, as most providers open one per delivery.
     */
    public StaticIpEntry staticIpEntry() {
        double usdPerMonth = HOURS_PER_MONTH * (prices.usd(GLOBAL_ACCELERATOR_PER_HOUR) + prices.usd(APPLICATION_LOAD_BALANCER_PER_HOUR)
                + STATIC_IP_AVAILABILITY_ZONES * prices.usd(VPC_INTERFACE_ENDPOINT_PER_AZ_HOUR));
        double gbPerMillionEvents = MILLION * eventBytes / BYTES_PER_GB;
        // an LCU-hour is billed on whichever dimension uses most: new connections, or bytes processed
        double lcuHoursPerEvent = Math.max(1 / NEW_CONNECTIONS_PER_LCU_HOUR, eventBytes / BYTES_PER_GB);
        return new StaticIpEntry(usdPerMonth, List.of(
                new Line("Global Accelerator DT-Premium", gbPerMillionEvents * prices.usd(GLOBAL_ACCELERATOR_DT_PREMIUM_PER_GB)),
                new Line("Load balancer capacity units", MILLION * lcuHoursPerEvent * prices.usd(APPLICATION_LOAD_BALANCER_PER_LCU_HOUR)),
                new Line("VPC endpoint data processed", gbPerMillionEvents * prices.usd(VPC_INTERFACE_ENDPOINT_PER_GB))));
    }

    public static double total(List<Line> lines) {
        return lines.stream().mapToDouble(Line::usdPerMillionEvents).sum();
    }

    /** The lines' dollars by item, in their order. */
    public static Map<String, Double> byItem(List<Line> lines) {
        Map<String, Double> byItem = new LinkedHashMap<>();
        lines.forEach(line -> byItem.merge(line.item(), line.usdPerMillionEvents(), Double::sum));
        return byItem;
    }
}
