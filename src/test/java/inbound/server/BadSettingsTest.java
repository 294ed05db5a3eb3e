package inbound.server;

import static org.assertj.core.api.Assertions.assertThat;

import inbound.testing.FreePort;
import inbound.testing.InboundProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every setting is read and checked once, before anything starts: an operator who got two settings
 * wrong learns of both from one refusal, by name, without a stack trace, and nothing is left behind.
 */
class BadSettingsTest {

    @TempDir
    Path dir;

    @Test
    void shouldRefuseToStartNamingEveryBadSettingInOneMessage() throws Exception {
        Path log = dir.resolve("refused.log");
        Map<String, String> environment = Map.of(
                "INBOUND_SQS_PORT", String.valueOf(FreePort.find()),
                "INBOUND_DATA_DIR", dir.resolve("data").toString(),
                "INBOUND_HTTP_WORKER_THREADS", "lots",
                "INBOUND_INGEST_MAX_HEAP_PERCENT_AFTER_GC", "150",
                "INBOUND_LOG_FORMAT", "xml",
                "INBOUND_CLAIM_CHECK_BUCKET", "Payloads_Of_Inbound");

        int exitCode = InboundProcess.with(environment, FreePort.find(), log).startExpectingExit(Duration.ofSeconds(30));

        assertThat(exitCode).isEqualTo(1);
        assertThat(Files.readAllLines(log)).filteredOn(line -> line.contains("ERROR")).singleElement().asString()
                .contains("Inbound will not start");
        assertThat(Files.readString(log))
                .contains("inbound.http.worker-threads (INBOUND_HTTP_WORKER_THREADS) must be a whole number, was 'lots'")
                .contains("inbound.ingest.max-heap-percent-after-gc (INBOUND_INGEST_MAX_HEAP_PERCENT_AFTER_GC) must be from 0 to 100, was 150")
                .contains("inbound.log.format (INBOUND_LOG_FORMAT) must be text or json, was 'xml'")
                .contains("inbound.claim-check.bucket (INBOUND_CLAIM_CHECK_BUCKET) must be an S3 bucket name")
                .doesNotContain("\tat ");
        assertThat(dir.resolve("data")).doesNotExist();
    }
}
