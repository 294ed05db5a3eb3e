package inbound.reliability;

import inbound.queue.QueuedEvent;
import inbound.server.InboundServer;
import inbound.worker.WorkerProperties;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Properties;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.main.Main;

/**
 * The server shape as the run command starts it, plus a processing route for the harness's providers
 * whose effect is a line appended to {@code HARNESS_EFFECTS_FILE}: the record of every time the worker
 * ran a user's processing for an event, which the database (one row per event, whatever happened)
 * cannot show. A line written before a SIGKILL is in the file: the kernel holds it, not the process.
 */
public final class HarnessServer {

    static final String EFFECTS_FILE = "HARNESS_EFFECTS_FILE";

    private HarnessServer() {
    }

    public static void main(String[] args) throws Exception {
        Path effects = Path.of(System.getenv(EFFECTS_FILE));
        Main main = InboundServer.create(new Properties());
        main.configure().addRoutesBuilder(new RouteBuilder() {
            @Override
            public void configure() {
                for (String provider : Harness.PROVIDERS) {
                    from("direct:process-" + provider).routeId("harness-effect-" + provider).process(exchange -> append(effects, exchange));
                }
            }
        });
        main.run(args);
    }

    private static void append(Path effects, Exchange exchange) throws IOException {
        String eventId = exchange.getProperty(WorkerProperties.EVENT, QueuedEvent.class).eventId();
        // one small write with O_APPEND: lines of concurrent consumers never interleave
        Files.write(effects, (eventId + "\n").getBytes(StandardCharsets.US_ASCII), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
