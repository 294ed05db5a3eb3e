package inbound.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import inbound.testing.FreePort;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The command line's own rules; its conversation with a running Inbound is tested in WorkerEndToEndTest. */
class DlqCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return DlqCommand.run(args, Map.of("INBOUND_URL", "http://127.0.0.1:" + FreePort.find()),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void shouldExplainUsageForAMissingOrUnknownCommand() {
        assertThat(run()).isEqualTo(2);
        assertThat(run("purge")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown command 'purge'", "usage: dlq list");
    }

    @Test
    void shouldRefuseAReplayWithoutFilterOptionsBeforeCallingAnything() {
        assertThat(run("replay", "--bogus")).isEqualTo(2);
        assertThat(run("replay", "some-id")).isEqualTo(2);
        assertThat(run("show")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown option --bogus", "--direct", "one event id");
    }

    @Test
    void shouldSayWhenInboundDoesNotAnswer() {
        assertThat(run("list")).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("does not answer", "INBOUND_URL");
    }

    @Test
    void shouldTellToRunAReplayAgainThatStoppedAtItsTimeLimit() throws Exception {
        HttpServer inbound = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), FreePort.find()), 0);
        inbound.createContext("/dead-letters/replay", exchange -> {
            byte[] answer = "{\"matched\": 20, \"moved\": 20, \"dryRun\": false, \"complete\": false}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(answer);
            }
        });
        inbound.start();
        try {
            int code = DlqCommand.run(new String[] {"replay", "--all"},
                    Map.of("INBOUND_URL", "http://127.0.0.1:" + inbound.getAddress().getPort(), "INBOUND_ADMIN_TOKEN", "token"),
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

            assertThat(code).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("20 matched, 20 moved", "run the same command again");
        } finally {
            inbound.stop(0);
        }
    }
}
