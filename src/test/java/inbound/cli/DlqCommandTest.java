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

    /** Runs the command against a loopback server that answers {@code path} with {@code answer} (200, JSON). */
    private int runAgainst(String path, String answer, String... args) throws Exception {
        HttpServer inbound = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), FreePort.find()), 0);
        inbound.createContext(path, exchange -> {
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(bytes);
            }
        });
        inbound.start();
        try {
            return DlqCommand.run(args, Map.of("INBOUND_URL", "http://127.0.0.1:" + inbound.getAddress().getPort(), "INBOUND_ADMIN_TOKEN", "token"),
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        } finally {
            inbound.stop(0);
        }
    }

    @Test
    void shouldTellToRunAReplayAgainThatStoppedAtItsTimeLimit() throws Exception {
        int code = runAgainst("/dead-letters/replay", "{\"matched\": 20, \"moved\": 20, \"dryRun\": false, \"complete\": false}", "replay", "--all");

        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("20 matched, 20 moved", "run the same command again");
    }

    @Test
    void shouldShowWhyThereIsNoPayloadForADeadLetterBehindItsGroup() throws Exception {
        int code = runAgainst("/dead-letters/d12", "{\"id\": \"d12\", \"status\": {\"status\": \"dead_lettered\", \"reason\": {\"code\": "
                + "\"schema_violation\"}}, \"behind\": 10, \"message\": \"Its payload cannot be shown now. It is behind 10 earlier dead letters.\"}",
                "show", "d12");

        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("dead_lettered (schema_violation): Its payload cannot be shown now")
                .doesNotContain("payload:");
    }
}
