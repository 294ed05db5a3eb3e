package inbound.server;

import static org.assertj.core.api.Assertions.assertThat;

import inbound.testing.FreePort;
import inbound.testing.InboundProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded queue (ElasticMQ 1.7.1) writes bodies to its database with the JVM's default charset;
 * Java 17 with no locale defaults to ASCII, and every non-ASCII character would come back from a
 * restart as '?' (RestartDurabilityTest shows the run command keeps them). Started any other way
 * without UTF-8, Inbound refuses at once and says how to fix it.
 */
class DefaultCharsetTest {

    @TempDir
    Path dir;

    @Test
    void shouldRefuseToStartTheEmbeddedQueueWhenTheDefaultCharsetIsNotUtf8() throws Exception {
        Path log = dir.resolve("refused.log");
        List<String> withoutEncoding = InboundProcess.testServerJvmOptions().stream()
                .filter(option -> !option.startsWith("-Dfile.encoding="))
                .toList();
        Map<String, String> environment = Map.of(
                "INBOUND_SQS_PORT", String.valueOf(FreePort.find()),
                "INBOUND_DATA_DIR", dir.resolve("data").toString());

        int exitCode = InboundProcess.with(environment, FreePort.find(), log).withoutLocale().jvmOptions(withoutEncoding)
                .startExpectingExit(Duration.ofSeconds(30));

        assertThat(exitCode).isEqualTo(1);
        assertThat(Files.readString(log)).contains("not UTF-8", "-Dfile.encoding=UTF-8").doesNotContain("\tat ");
        assertThat(dir.resolve("data")).doesNotExist();
    }
}
