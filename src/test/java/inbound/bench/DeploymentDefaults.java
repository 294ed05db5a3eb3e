package inbound.bench;

import inbound.infra.TerraformModule;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the Terraform module deploys when its caller sets nothing, read from its variables.tf:
 * each function's memory, the architecture, whether the authorizer is in the path, and how many
 * events the worker receives at most per invocation.
 */
public record DeploymentDefaults(Map<String, Integer> memoryMb, String architecture, boolean authorizer, int workerBatchSize) {

    public DeploymentDefaults {
        memoryMb = Collections.unmodifiableMap(new LinkedHashMap<>(memoryMb));
    }

    public static DeploymentDefaults read(Path moduleDirectory) throws IOException {
        TerraformModule module = TerraformModule.parse(moduleDirectory);
        Map<String, Integer> memoryMb = new LinkedHashMap<>();
        module.optionalAttributeDefaults("lambda_memory_mb").forEach((function, mb) -> memoryMb.put(function, ((Number) mb).intValue()));
        List<?> architectures = (List<?>) defaultOf(module, "architectures");
        return new DeploymentDefaults(memoryMb, String.valueOf(architectures.get(0)), (Boolean) defaultOf(module, "enable_authorizer"),
                ((Number) defaultOf(module, "worker_batch_size")).intValue());
    }

    private static Object defaultOf(TerraformModule module, String variable) {
        Map<String, Object> declaration = module.variables().get(variable);
        if (declaration == null || declaration.get("default") == null) {
            throw new IllegalArgumentException("the Terraform module declares no default for variable " + variable);
        }
        return declaration.get("default");
    }

    /** The memory of one function in GB, as Lambda bills it (MB / 1024). */
    public double memoryGb(String function) {
        Integer mb = memoryMb.get(function);
        if (mb == null) {
            throw new IllegalArgumentException("the Terraform module sets no memory for function " + function);
        }
        return mb / 1024.0;
    }
}
