package inbound.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import inbound.testing.InboundProcess;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What every server benchmark shares: its settings (system properties, which the pom passes on from
 * the mvn command line), the servers' JVM options, how it ends, and the machine a report was measured on.
 */
final class BenchOptions {

    static final int STEP_SECONDS = Integer.getInteger("bench.stepSeconds", 8);
    static final int WARMUP_SECONDS = Integer.getInteger("bench.warmupSeconds", 30);
    static final int BASELINE_SECONDS = Integer.getInteger("bench.baselineSeconds", 5);
    static final int CONCURRENCY = Integer.getInteger("bench.concurrency", 32);
    static final Path OUTPUT_DIR = Path.of(System.getProperty("bench.output", "target/bench"));

    interface Run {
        void run() throws Exception;
    }

    private BenchOptions() {
    }

    /** The JVM options the run command gives the server (pom.xml, exec-maven-plugin), unless bench.serverJvmOptions names others. */
    static List<String> serverJvmOptions() {
        return Optional.ofNullable(System.getProperty("bench.serverJvmOptions"))
                .filter(options -> !options.isBlank())
                .map(options -> List.of(options.trim().split("\\s+")))
                .orElseGet(InboundProcess::runCommandJvmOptions);
    }

    /** Runs a benchmark and ends the JVM: the load's HTTP client keeps threads that would hold it. */
    static void runThenExit(Run benchmark) {
        int status = 0;
        try {
            benchmark.run();
        } catch (Exception e) {
            e.printStackTrace();
            status = 1;
        }
        System.exit(status);
    }

    /** A report that starts with the machine and JVM it was measured on, and when. */
    static ObjectNode machine(ObjectMapper json) {
        ObjectNode report = json.createObjectNode();
        ObjectNode machine = report.putObject("machine");
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        machine.put("when", Instant.now().toString());
        return report;
    }
}
