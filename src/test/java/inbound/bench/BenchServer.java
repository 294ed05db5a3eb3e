package inbound.bench;

import inbound.embedded.EmbeddedSqsServer;
import inbound.testing.FreePort;
import inbound.testing.InboundProcess;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.GetQueueAttributesRequest;
import software.amazon.awssdk.services.sqs.model.GetQueueUrlRequest;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * One Inbound server under benchmark, in a JVM of its own on its embedded queue: where to reach it
 * and its queue, the CPU it uses, and its peak resident memory while it runs.
 */
final class BenchServer implements AutoCloseable {

    static final String ADMIN_TOKEN = "bench-admin-token";
    static final String QUEUE_NAME = "webhook-events.fifo";

    private final InboundProcess process;
    private final int httpPort;
    private final Path dataDir;
    private final SqsClient sqs;
    private final String queueUrl;
    private final CpuMeter cpu;
    private final AtomicLong peakRssKb = new AtomicLong();

    private BenchServer(InboundProcess process, int httpPort, int sqsPort, Path dataDir) {
        this.process = process;
        this.httpPort = httpPort;
        this.dataDir = dataDir;
        // an overloaded queue may take long to answer the backlog's count: the run waits rather than fails
        this.sqs = EmbeddedSqsServer.client(URI.create("http://127.0.0.1:" + sqsPort), Duration.ofSeconds(120));
        this.queueUrl = sqs.getQueueUrl(GetQueueUrlRequest.builder().queueName(QUEUE_NAME).build()).queueUrl();
        this.cpu = new CpuMeter(process.pid());
        Thread sampler = new Thread(this::sampleRss, "rss-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    /**
     * Starts a server on a data dir (a new one when {@code dataDir} is null; an earlier server's to
     * take over its queue), its worker on or off, and returns once it is healthy with its queue whole.
     */
    static BenchServer start(Path dataDir, boolean worker, List<String> jvmOptions, Map<String, String> secrets, Path log) throws IOException {
        Path data = dataDir != null ? dataDir : Files.createTempDirectory("inbound-bench");
        int httpPort = FreePort.find();
        int sqsPort = FreePort.find();
        Map<String, String> environment = new HashMap<>();
        environment.put("INBOUND_SQS_PORT", String.valueOf(sqsPort));
        environment.put("INBOUND_DATA_DIR", data.toString());
        environment.put("INBOUND_ADMIN_TOKEN", ADMIN_TOKEN);
        environment.put("INBOUND_WORKER_ENABLED", String.valueOf(worker));
        secrets.forEach((provider, secret) -> environment.put("INBOUND_PROVIDER_" + provider.toUpperCase() + "_SECRET", secret));
        InboundProcess process = InboundProcess.with(environment, httpPort, log).jvmOptions(jvmOptions).start();
        return new BenchServer(process, httpPort, sqsPort, data);
    }

    String base() {
        return "http://127.0.0.1:" + httpPort;
    }

    Path dataDir() {
        return dataDir;
    }

    long pid() {
        return process.pid();
    }

    /** A client of the server's embedded queue. */
    SqsClient sqs() {
        return sqs;
    }

    CpuMeter.Reading cpu() {
        return cpu.read();
    }

    long peakRssMiB() {
        return peakRssKb.get() / 1024;
    }

    /** Messages in the main queue, visible and in flight. */
    long backlog() {
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(GetQueueAttributesRequest.builder().queueUrl(queueUrl)
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)
                .build()).attributes();
        return Long.parseLong(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Long.parseLong(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    /** The server's resident memory, sampled from /proc while it runs; the peak is reported. */
    private void sampleRss() {
        Path status = Path.of("/proc", String.valueOf(process.pid()), "status");
        while (true) {
            try {
                for (String line : Files.readAllLines(status)) {
                    if (line.startsWith("VmRSS:")) {
                        long kb = Long.parseLong(line.replaceAll("\\D", ""));
                        peakRssKb.accumulateAndGet(kb, Math::max);
                    }
                }
                TimeUnit.MILLISECONDS.sleep(200);
            } catch (IOException | InterruptedException | NumberFormatException gone) {
                return;
            }
        }
    }

    /** SIGTERM, and the time to close its queue's file as an orchestrator would give it. */
    @Override
    public void close() throws InterruptedException {
        sqs.close();
        process.stop(Duration.ofSeconds(60));
    }
}
