package inbound.testing;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import inbound.server.InboundServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.w3c.dom.NodeList;

/**
 * Inbound's server shape in a JVM of its own, so that a test can kill it the hard way. The JVM gets
 * the options the run command gives it (pom.xml, exec-maven-plugin), read from pom.xml itself, with
 * the quick JIT only ({@link #testServerJvmOptions}).
 */
public final class InboundProcess implements AutoCloseable {

    /** Where a JVM finds its default charset, besides a -Dfile.encoding among its options. */
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> LOCALE_VARIABLES = List.of("LANG", "LC_ALL", "LC_CTYPE", "JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS");

    private final Process process;
    private final WebhookClient client;

    private InboundProcess(Process process, WebhookClient client) {
        this.process = process;
        this.client = client;
    }

    /** Starts the server with these environment variables and returns once {@code /health} answers 200 and its embedded queue is whole again. */
    public static InboundProcess start(Map<String, String> environment, int httpPort, Path log) {
        return with(environment, httpPort, log).start();
    }

    /** The environment of a server on its embedded queue with no worker: the test is the queue's only consumer. */
    public static Map<String, String> embeddedQueueWithoutWorker(int sqsPort, Path dataDir, String shopifySecret) {
        return Map.of(
                "INBOUND_SQS_PORT", String.valueOf(sqsPort),
                "INBOUND_DATA_DIR", dataDir.toString(),
                "INBOUND_PROVIDER_SHOPIFY_SECRET", shopifySecret,
                "INBOUND_WORKER_ENABLED", "false");
    }

    /** Whether a {@code /health} answer says the embedded queue still sends its stored messages again. */
    public static boolean restoring(HttpResponse<String> health) {
        try {
            return JSON.readTree(health.body()).path("ingest").asText().equals("restoring");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A server to start with these environment variables, on top of this JVM's own. */
    public static Launch with(Map<String, String> environment, int httpPort, Path log) {
        return new Launch(environment, httpPort, log);
    }

    /** The quick JIT only, which a long-running server does without (see the run command). */
    public static final String QUICK_JIT = "-XX:TieredStopAtLevel=1";

    /**
     * The run command's JVM options with the quick JIT only: a test's server lives for seconds, in which the
     * optimising compiler would only take the cores the test needs.
     */
    public static List<String> testServerJvmOptions() {
        List<String> options = new ArrayList<>(runCommandJvmOptions());
        options.add(QUICK_JIT);
        return options;
    }

    /** The JVM options of the run command: the exec-maven-plugin arguments before {@code -classpath}. */
    public static List<String> runCommandJvmOptions() {
        try {
            NodeList arguments = (NodeList) XPathFactory.newInstance().newXPath().evaluate(
                    "/project/build/plugins/plugin[artifactId='exec-maven-plugin']/configuration/arguments/argument",
                    DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(Path.of("server", "pom.xml").toFile()),
                    XPathConstants.NODESET);
            List<String> options = new ArrayList<>();
            for (int i = 0; i < arguments.getLength() && !arguments.item(i).getTextContent().equals("-classpath"); i++) {
                options.add(arguments.item(i).getTextContent());
            }
            return options;
        } catch (Exception e) {
            throw new IllegalStateException("could not read the run command's JVM options from pom.xml", e);
        }
    }

    public WebhookClient client() {
        return client;
    }

    /** The server's process id, for the JDK's tools. */
    public long pid() {
        return process.pid();
    }

    /** SIGTERM, as an orchestrator stops a process: returns the exit code once it ended, or fails after {@code timeout}. */
    public int stop(Duration timeout) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("Inbound was still running " + timeout + " after SIGTERM");
        }
        return process.exitValue();
    }

    /** Waits for the server to end by itself: its exit code, or fails if it still runs after {@code timeout}. */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            throw new AssertionError("Inbound was still running after " + timeout);
        }
        return process.exitValue();
    }

    /** SIGKILL: no shutdown hook, no graceful close of the queue or its database. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }

    /** How to start one server process. */
    public static final class Launch {

        private final Map<String, String> environment;
        private final int httpPort;
        private final Path log;
        private List<String> jvmOptions = testServerJvmOptions();
        private boolean withoutLocale;
        private Class<?> mainClass = InboundServer.class;
        private Path jar;
        private Duration startTimeout = Duration.ofSeconds(120);
        private boolean awaitRestore = true;

        private Launch(Map<String, String> environment, int httpPort, Path log) {
            this.environment = new HashMap<>(environment);
            this.httpPort = httpPort;
            this.log = log;
        }

        /** Instead of the run command's options. */
        public Launch jvmOptions(List<String> options) {
            this.jvmOptions = List.copyOf(options);
            return this;
        }

        /** Through another main class on the test classpath that runs the server. */
        public Launch mainClass(Class<?> main) {
            this.mainClass = main;
            return this;
        }

        /** From the built server artifact ({@code java -jar}) instead of the test classpath. */
        public Launch fromJar(Path serverJar) {
            this.jar = serverJar;
            return this;
        }

        /** How long {@link #start} waits for {@code /health} to answer 200 (two minutes unless set). */
        public Launch startTimeout(Duration timeout) {
            this.startTimeout = timeout;
            return this;
        }

        /** Returns from {@link #start} as soon as {@code /health} answers 200, while the embedded queue may still send its stored messages again. */
        public Launch whileRestoring() {
            this.awaitRestore = false;
            return this;
        }

        /** As in a container with no locale: no LANG, LC_ALL, LC_CTYPE, nor JVM options from the environment. */
        public Launch withoutLocale() {
            this.withoutLocale = true;
            return this;
        }

        /**
         * Starts the server and returns once {@code /health} answers 200 and, unless {@link #whileRestoring}, no longer
         * says that the embedded queue still sends its stored messages again.
         */
        public InboundProcess start() {
            Process process = launch();
            WebhookClient client = new WebhookClient(httpPort);
            InboundProcess started = new InboundProcess(process, client);
            await().atMost(startTimeout).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                    .failFast("Inbound exited during start-up; see " + log, () -> !process.isAlive())
                    .until(() -> {
                        HttpResponse<String> health = client.get("/health");
                        return health.statusCode() == 200 && (!awaitRestore || !restoring(health));
                    });
            return started;
        }

        /** Starts the server, expecting it to refuse: returns its exit code, or fails if it still runs after {@code timeout}. */
        public int startExpectingExit(Duration timeout) throws InterruptedException {
            try {
                return new InboundProcess(launch(), new WebhookClient(httpPort)).awaitExit(timeout);
            } catch (AssertionError stillRunning) {
                throw new AssertionError(stillRunning.getMessage() + "; see " + log, stillRunning);
            }
        }

        private Process launch() {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(jvmOptions);
            command.addAll(jar != null ? List.of("-jar", jar.toString())
                    : List.of("-cp", System.getProperty("java.class.path"), mainClass.getName()));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            if (withoutLocale) {
                LOCALE_VARIABLES.forEach(builder.environment()::remove);
            }
            builder.environment().putAll(environment);
            builder.environment().put("INBOUND_HTTP_PORT", String.valueOf(httpPort));
            try {
                return builder.start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
