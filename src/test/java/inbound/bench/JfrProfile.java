package inbound.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import inbound.testing.Jcmd;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where Inbound's own threads spend their CPU, by the JDK Flight Recorder's execution samples taken in
 * a server while a step runs: the share of samples by the library whose code was running, and the
 * hottest methods. The embedded queue's threads are left out, as from Inbound's CPU per event.
 */
final class JfrProfile {

    /** Package prefixes and the library each names; the first that matches a sampled frame's class wins. */
    private static final List<Map.Entry<String, String>> LIBRARIES = List.of(
            Map.entry("inbound.", "Inbound"), Map.entry("routes.", "Inbound"),
            Map.entry("org.apache.camel.", "Camel"), Map.entry("io.vertx.", "Vert.x"), Map.entry("io.netty.", "Netty"),
            Map.entry("software.amazon.", "AWS SDK"), Map.entry("com.fasterxml.", "Jackson"), Map.entry("com.networknt.", "JSON Schema validator"),
            Map.entry("org.h2.", "H2"), Map.entry("org.apache.http.", "Apache HTTP client"), Map.entry("ch.qos.logback.", "Logback"),
            Map.entry("java.", "JDK"), Map.entry("javax.", "JDK"), Map.entry("jdk.", "JDK"), Map.entry("sun.", "JDK"));
    private static final int HOTTEST = 12;

    private final long pid;
    private final ThreadCpu threads;
    private final Path file;

    JfrProfile(long pid, ThreadCpu threads, Path file) {
        this.pid = pid;
        this.threads = threads;
        this.file = file;
    }

    /** Records while {@code profiled} runs, then reads the samples of Inbound's threads into a report. */
    ObjectNode during(BenchOptions.Run profiled, ObjectMapper json) throws Exception {
        Files.deleteIfExists(file);
        Jcmd.run(pid, "JFR.start name=stage settings=profile filename=" + file);
        try {
            profiled.run();
        } finally {
            Jcmd.run(pid, "JFR.stop name=stage");
        }
        return report(json);
    }

    private ObjectNode report(ObjectMapper json) throws IOException {
        Map<String, Integer> byLibrary = new HashMap<>();
        Map<String, Integer> byMethod = new HashMap<>();
        int samples = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null
                    || event.getStackTrace().getFrames().isEmpty()) {
                continue;
            }
            RecordedThread thread = event.getThread("sampledThread");
            if (thread == null || thread.getJavaName() == null || ThreadCpu.isQueue(threads.group(thread.getJavaName()))) {
                continue;
            }
            RecordedFrame top = event.getStackTrace().getFrames().get(0);
            String type = top.getMethod().getType().getName();
            samples++;
            byLibrary.merge(library(type), 1, Integer::sum);
            byMethod.merge(type + "." + top.getMethod().getName(), 1, Integer::sum);
        }
        ObjectNode profile = json.createObjectNode();
        profile.put("samples", samples);
        ObjectNode libraries = profile.putObject("shareByLibrary");
        int total = Math.max(1, samples);
        byLibrary.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .forEach(library -> libraries.put(library.getKey(), Benchmark.round(library.getValue() / (double) total)));
        ObjectNode methods = profile.putObject("hottestMethods");
        byMethod.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(HOTTEST)
                .forEach(method -> methods.put(method.getKey(), Benchmark.round(method.getValue() / (double) total)));
        System.out.printf("    profile of Inbound's threads (%d samples): %s%n", samples, libraries);
        return profile;
    }

    private static String library(String type) {
        return LIBRARIES.stream().filter(prefix -> type.startsWith(prefix.getKey())).map(Map.Entry::getValue).findFirst()
                .orElseGet(() -> type.contains(".") ? type.substring(0, type.lastIndexOf('.')) : type);
    }
}
