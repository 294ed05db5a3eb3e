package inbound.testing.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The Lambda functions a test runs: the built zip unpacked once, and each function started in its own
 * JVM under the runtime interface client against its own {@link LocalLambdaRuntime}. Closing stops them all.
 */
public final class LambdaFunctions implements AutoCloseable {

    public static final String AUTHORIZER = "inbound.lambda.AuthorizerHandler::handleRequest";
    public static final String INGEST = "inbound.lambda.IngestHandler::handleRequest";
    public static final String WORKER = "inbound.lambda.WorkerHandler::handleRequest";
    public static final String REPLAY = "inbound.lambda.ReplayHandler::handleRequest";
    public static final String CONSOLE = "inbound.lambda.ConsoleHandler::handleRequest";
    public static final String RETENTION = "inbound.lambda.RetentionHandler::handleRequest";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(90);

    private final Path workDir;
    private final Path taskRoot;
    private final Path runtimeClientLibrary;
    private final List<AutoCloseable> started = new ArrayList<>();
    private List<String> launcher = List.of();

    public LambdaFunctions(Path workDir) {
        this(workDir, LambdaZip.unpack(workDir.resolve("task")));
    }

    /** The functions of another deployment package, unpacked into {@code taskRoot}. */
    public LambdaFunctions(Path workDir, Path taskRoot) {
        this.workDir = workDir;
        this.taskRoot = taskRoot;
        this.runtimeClientLibrary = extractRuntimeClientLibrary(workDir.resolve("libaws-lambda-jni.so"));
    }

    /** The runtime client's native library for this machine's architecture (glibc), from its jar on the test classpath. */
    private static Path extractRuntimeClientLibrary(Path target) {
        String architecture = System.getProperty("os.arch").equals("aarch64") ? "aarch_64" : "x86_64";
        try (InputStream library = LambdaFunctions.class.getResourceAsStream("/jni/libaws-lambda-jni.linux-" + architecture + ".so")) {
            if (library == null) {
                throw new IllegalStateException("the runtime interface client's native library for " + architecture + " is not on the classpath");
            }
            Files.copy(library, target, StandardCopyOption.REPLACE_EXISTING);
            return target.toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A started function: its runtime API and its JVM. */
    public record Function(String name, LocalLambdaRuntime runtime, LambdaFunctionProcess process, Path log) {

        /** Invokes the function with {@code event} and returns its answer as JSON; fails on an error answer. */
        public JsonNode invoke(String event) throws Exception {
            LocalLambdaRuntime.Result result = answer(event);
            if (result.failed()) {
                throw new AssertionError(name + " answered an error (" + result.errorType() + "): " + result.payload() + "\n" + logTail());
            }
            return JSON.readTree(result.payload());
        }

        /** The function's answer; fails at once, with the end of its log, when its JVM has exited or it does not answer. */
        private LocalLambdaRuntime.Result answer(String event) throws Exception {
            CompletableFuture<LocalLambdaRuntime.Result> answer = runtime.submit(event);
            long deadline = System.nanoTime() + ANSWER_TIMEOUT.toNanos();
            while (true) {
                try {
                    return answer.get(200, TimeUnit.MILLISECONDS);
                } catch (TimeoutException notYet) {
                    if (!process.isAlive() || System.nanoTime() > deadline) {
                        throw new AssertionError(name + (process.isAlive() ? " did not answer in " + ANSWER_TIMEOUT : " exited") + "\n" + logTail());
                    }
                }
            }
        }

        private String logTail() throws IOException {
            List<String> lines = Files.readAllLines(log);
            return "last lines of " + log + ":\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        }

        public JsonNode invoke(JsonNode event) throws Exception {
            return invoke(JSON.writeValueAsString(event));
        }

        /**
         * The lines of the function's log that are CloudWatch Embedded Metric Format objects, oldest first, each
         * checked against the format's rules.
         */
        public List<JsonNode> metricLines() throws IOException {
            List<JsonNode> lines = new ArrayList<>();
            for (String text : Files.readAllLines(log)) {
                if (text.startsWith("{\"_aws\"")) {
                    JsonNode line = JSON.readTree(text);
                    EmbeddedMetricFormat.check(line);
                    lines.add(line);
                }
            }
            return lines;
        }

        /** Every line of the function's log as JSON, oldest first: a line that is not one JSON object fails. */
        public List<JsonNode> logLines() throws IOException {
            List<JsonNode> lines = new ArrayList<>();
            for (String text : Files.readAllLines(log)) {
                JsonNode line;
                try {
                    line = JSON.readTree(text);
                } catch (IOException notJson) {
                    throw new AssertionError(name + " logged a line that is not JSON: " + text, notJson);
                }
                if (line == null || !line.isObject()) {
                    throw new AssertionError(name + " logged a line that is not one JSON object: " + text);
                }
                lines.add(line);
            }
            return lines;
        }

        /** The function's log as it is, to look for what must not be in it. */
        public String logText() throws IOException {
            return Files.readString(log);
        }

        /** The raw answer, for an expected error. */
        public LocalLambdaRuntime.Result invokeRaw(JsonNode event) throws Exception {
            return answer(JSON.writeValueAsString(event));
        }
    }

    /** Functions started from now on run through this command (see {@link LambdaFunctionProcess#start}); none when empty. */
    public void launchThrough(List<String> command) {
        this.launcher = List.copyOf(command);
    }

    public Function start(String name, String handler, Map<String, String> environment) {
        LocalLambdaRuntime runtime = LocalLambdaRuntime.start(name);
        started.add(runtime);
        Path log = logDirectory().resolve(name + "-" + System.currentTimeMillis() + ".log");
        LambdaFunctionProcess process = LambdaFunctionProcess.start(taskRoot, runtimeClientLibrary, handler, runtime, environment, log, launcher);
        started.add(0, process);
        return new Function(name, runtime, process, log);
    }

    /** Function logs outlive the test's temporary folder, for a look after a failure. */
    private static Path logDirectory() {
        try {
            return Files.createDirectories(Path.of("target", "lambda-logs"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A sample event from {@code lambda/events/}, to change for a test. */
    public static JsonNode sampleEvent(String fileName) {
        try {
            return JSON.readTree(Files.readString(Path.of("lambda", "events", fileName)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable closeable : started) {
            closeable.close();
        }
    }
}
