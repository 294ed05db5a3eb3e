package inbound.testing.lambda;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * One Lambda function as the Java managed runtime runs it: a JVM of its own whose classpath is the
 * unpacked zip (task root, then {@code lib/*}) plus AWS's runtime interface client, started with the
 * handler string, talking to a {@link LocalLambdaRuntime}. Only the environment given here reaches it
 * (plus what Lambda itself sets), as in AWS.
 */
public final class LambdaFunctionProcess implements AutoCloseable {

    /**
     * The runtime client's own jars, which the managed runtime provides (a deployment package need not hold
     * them: Inbound's zip has the AWS SDK's utils-lite anyway, a trivial function's has not).
     */
    private static final List<String> RUNTIME_CLIENT_JARS = List.of("aws-lambda-java-runtime-interface-client", "aws-lambda-java-serialization",
            "utils-lite");
    /**
     * Where the runtime client finds its native library. Unset, it extracts the library to one fixed
     * file under /tmp, and functions starting at the same time on one machine break each other's load.
     */
    private static final String RUNTIME_CLIENT_LIBRARY_PROPERTY = "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";
    /** What the Terraform module sets in JAVA_TOOL_OPTIONS: a faster start for a short-lived JVM. */
    public static final List<String> JVM_OPTIONS = List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1");

    private final Process process;
    private final long startedNanos;

    private LambdaFunctionProcess(Process process, long startedNanos) {
        this.process = process;
        this.startedNanos = startedNanos;
    }

    /**
     * @param runtimeClientLibrary the runtime client's native library, extracted for this machine
     * @param handler e.g. {@code inbound.lambda.IngestHandler::handleRequest}
     * @param environment the function's configuration (INBOUND_* variables)
     */
    public static LambdaFunctionProcess start(Path taskRoot, Path runtimeClientLibrary, String handler, LocalLambdaRuntime runtime,
            Map<String, String> environment, Path log) {
        return start(taskRoot, runtimeClientLibrary, handler, runtime, environment, log, List.of());
    }

    /** @param launcher a command the JVM's command line is handed to, which runs it (e.g. in a CPU-limited group); none when empty */
    public static LambdaFunctionProcess start(Path taskRoot, Path runtimeClientLibrary, String handler, LocalLambdaRuntime runtime,
            Map<String, String> environment, Path log, List<String> launcher) {
        List<String> command = new ArrayList<>(launcher);
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_OPTIONS);
        command.add("-D" + RUNTIME_CLIENT_LIBRARY_PROPERTY + "=" + runtimeClientLibrary);
        command.add("-Xmx512m");
        command.add("-cp");
        command.add(classpath(taskRoot));
        command.add("com.amazonaws.services.lambda.runtime.api.client.AWSLambda");
        command.add(handler);
        ProcessBuilder builder = new ProcessBuilder(command).directory(taskRoot.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("INBOUND_") || name.startsWith("AWS_"));
        builder.environment().put("AWS_LAMBDA_RUNTIME_API", runtime.address());
        builder.environment().put("AWS_LAMBDA_FUNCTION_NAME", runtime.functionName());
        builder.environment().put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        builder.environment().put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024");
        builder.environment().put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + runtime.functionName());
        builder.environment().put("AWS_LAMBDA_LOG_STREAM_NAME", "local");
        // what Lambda sets with the module's logging_config: the runtime client writes its own lines as JSON too
        builder.environment().put("AWS_LAMBDA_LOG_FORMAT", "JSON");
        builder.environment().put("AWS_LAMBDA_LOG_LEVEL", "INFO");
        builder.environment().put("AWS_REGION", "us-east-1");
        builder.environment().put("AWS_DEFAULT_REGION", "us-east-1");
        // the credentials Lambda puts in the environment; the local endpoints accept any
        builder.environment().put("AWS_ACCESS_KEY_ID", "local");
        builder.environment().put("AWS_SECRET_ACCESS_KEY", "local");
        builder.environment().put("LAMBDA_TASK_ROOT", taskRoot.toString());
        builder.environment().put("_HANDLER", handler);
        builder.environment().putAll(environment);
        try {
            long startedNanos = System.nanoTime();
            return new LambdaFunctionProcess(builder.start(), startedNanos);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String classpath(Path taskRoot) {
        List<String> entries = new ArrayList<>(List.of(taskRoot.toString(), taskRoot.resolve("lib").resolve("*").toString()));
        List<String> runtimeClient = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> RUNTIME_CLIENT_JARS.stream().anyMatch(entry::contains))
                .collect(Collectors.toList());
        if (runtimeClient.size() != RUNTIME_CLIENT_JARS.size()) {
            throw new IllegalStateException("the runtime interface client is not on the test classpath: " + runtimeClient);
        }
        entries.addAll(runtimeClient);
        return String.join(File.pathSeparator, entries);
    }

    /** System.nanoTime() just before the JVM was started. */
    public long startedNanos() {
        return startedNanos;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The most memory the JVM has held resident so far (Linux's VmHWM), the local counterpart of Lambda's "Max Memory Used". */
    public long peakResidentBytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
            }
        }
        throw new IllegalStateException("no VmHWM in /proc/" + process.pid() + "/status");
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
