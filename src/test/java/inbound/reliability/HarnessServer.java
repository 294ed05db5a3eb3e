package inbound.reliability;

import inbound.queue.QueuedEvent;
import inbound.server.InboundServer;
import inbound.worker.PermanentFailure;
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
 * A poison event fails for good, as a bug in the user's processing would, until the file
 * {@code HARNESS_FIX_FILE} exists: the fix an operator deploys before replaying the dead letters.
 */
public final class HarnessServer {

    static final String EFFECTS_FILE = "HARNESS_EFFECTS_FILE";
    static final String FIX_FILE = "HARNESS_FIX_FILE";

    private HarnessServer() {
    }

    public static void main(String[] args) throws Exception {
        Path effects = Path.of(System.getenv(EFFECTS_FILE));
        Path fix = Path.of(System.getenv(FIX_FILE));
        Main main = InboundServer.create(new Properties());
        main.configure().addRoutesBuilder(new RouteBuilder() {
            @Override
            public void configure() {
                for (String provider : Harness.PROVIDERS) {
                    from("direct:process-" + provider).routeId("harness-effect-" + provider).process(exchange -> process(exchange, effects, fix));
                }
            }
        });
        main.run(args);
    }

    private static void process(Exchange exchange, Path effects, Path fix) throws IOException {
        QueuedEvent event = exchange.getProperty(WorkerProperties.EVENT, QueuedEvent.class);
        if (event.body().contains(Harness.POISON) && !Files.exists(fix)) {
            throw new PermanentFailure("harness_poison", "process", "A poison event of the harness, before its fix.");
        }
        String eventId = event.eventId();
        // one small write with O_APPEND: lines of concurrent consumers never interleave
        Files.write(effects, (eventId + "\n").getBytes(StandardCharsets.US_ASCII), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
