package inbound.testing.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Lambda functions a test runs: the built zip unpacked once, and each function started in its own
 * JVM under the runtime interface client against its own {@link LocalLambdaRuntime}. Closing stops them all.
 */
public final class LambdaFunctions implements AutoCloseable {

    public static final String AUTHORIZER = "inbound.lambda.AuthorizerHandler::handleRequest";
    public static final String INGEST = "inbound.lambda.IngestHandler::handleRequest";
    public static final String WORKER = "inbound.lambda.WorkerHandler::handleRequest";
    public static final String REPLAY = "inbound.lambda.ReplayHandler::handleRequest";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path workDir;
    private final Path taskRoot;
    private final List<AutoCloseable> started = new ArrayList<>();

    public LambdaFunctions(Path workDir) {
        this.workDir = workDir;
        this.taskRoot = LambdaZip.unpack(workDir.resolve("task"));
    }

    /** A started function: its runtime API and its JVM. */
    public record Function(String name, LocalLambdaRuntime runtime, LambdaFunctionProcess process, Path log) {

        /** Invokes the function with {@code event} and returns its answer as JSON; fails on an error answer. */
        public JsonNode invoke(String event) throws Exception {
            LocalLambdaRuntime.Result result = runtime.invoke(event, Duration.ofSeconds(90));
            if (result.failed()) {
                throw new AssertionError(name + " answered an error (" + result.errorType() + "): " + result.payload() + "; log: " + log);
            }
            return JSON.readTree(result.payload());
        }

        public JsonNode invoke(JsonNode event) throws Exception {
            return invoke(JSON.writeValueAsString(event));
        }

        /** The raw answer, for an expected error. */
        public LocalLambdaRuntime.Result invokeRaw(JsonNode event) throws Exception {
            return runtime.invoke(JSON.writeValueAsString(event), Duration.ofSeconds(90));
        }
    }

    public Function start(String name, String handler, Map<String, String> environment) {
        LocalLambdaRuntime runtime = LocalLambdaRuntime.start(name);
        started.add(runtime);
        Path log = workDir.resolve(name + ".log");
        LambdaFunctionProcess process = LambdaFunctionProcess.start(taskRoot, handler, runtime, environment, log);
        started.add(0, process);
        return new Function(name, runtime, process, log);
    }

    public Path taskRoot() {
        return taskRoot;
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
