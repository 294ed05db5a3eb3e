package inbound.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The calculator reads what the Terraform module really defaults to, not a copy of it. */
class DeploymentDefaultsTest {

    @Test
    void readsEachFunctionsMemoryTheArchitectureTheAuthorizerAndTheWorkersBatchFromVariablesTf() throws IOException {
        DeploymentDefaults defaults = DeploymentDefaults.read(Path.of("infra", "terraform"));

        assertThat(defaults.memoryMb()).containsKeys("authorizer", "ingest", "worker", "replay")
                .allSatisfy((function, mb) -> assertThat(mb).as(function).isBetween(128, 10240));
        assertThat(defaults.architecture()).isEqualTo("arm64");
        assertThat(defaults.authorizer()).isTrue();
        assertThat(defaults.workerBatchSize()).isBetween(1, 10);
    }
}
