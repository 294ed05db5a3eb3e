package inbound.server;

import static org.assertj.core.api.Assertions.assertThat;

import inbound.testing.FreePort;
import inbound.testing.InboundProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The start-up work runs once although the worker's route joins the running context later: Camel calls
 * start-up listeners again then, and the HTTP handlers they register (the ingest bound among them)
 * would each run twice per request.
 */
class StartOnceTest {

    @TempDir
    Path dir;

    @Test
    void shouldRunTheStartUpListenersOnceWhenTheWorkerJoinsLater() throws Exception {
        Path log = dir.resolve("server.log");
        Map<String, String> environment = Map.of(
                "INBOUND_SQS_PORT", String.valueOf(FreePort.find()),
                "INBOUND_DATA_DIR", dir.resolve("data").toString());
        // healthy means the worker's route was added and started
        try (InboundProcess server = InboundProcess.start(environment, FreePort.find(), log)) {
            long banners = Files.readAllLines(log).stream().filter(line -> line.equals("Inbound is ready.")).count();

            assertThat(banners).isEqualTo(1);
        }
    }
}
