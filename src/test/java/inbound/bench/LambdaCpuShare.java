package inbound.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The CPU Lambda gives a function of a memory size, for a process here: Lambda allocates CPU in
 * proportion to memory, one vCPU-second of credit per second at 1,769 MB (AWS's "Configure Lambda
 * function memory"), which a Linux CPU cgroup's quota reproduces — the processes in it get that much
 * CPU time per period, spread over any of the machine's cores. Needs a writable CPU cgroup (root, with
 * cgroup v1's cpu controller or cgroup v2's cpu.max).
 */
final class LambdaCpuShare implements AutoCloseable {

    static final int MB_PER_VCPU = 1769;
    private static final int PERIOD_MICROS = 100_000;
    private static final Path V1 = Path.of("/sys/fs/cgroup/cpu");
    private static final Path V2 = Path.of("/sys/fs/cgroup");

    private final Path group;

    private LambdaCpuShare(Path group) {
        this.group = group;
    }

    /** A CPU group with a memory size's share: {@code memoryMb / 1769} of a core's time. */
    static LambdaCpuShare of(int memoryMb) {
        long quota = Math.round((double) memoryMb / MB_PER_VCPU * PERIOD_MICROS);
        try {
            if (Files.isWritable(V1.resolve("cpu.cfs_quota_us"))) {
                Path group = Files.createDirectories(V1.resolve("inbound-lambda-" + memoryMb + "mb"));
                Files.writeString(group.resolve("cpu.cfs_period_us"), String.valueOf(PERIOD_MICROS));
                Files.writeString(group.resolve("cpu.cfs_quota_us"), String.valueOf(quota));
                return new LambdaCpuShare(group);
            }
            if (Files.isReadable(V2.resolve("cgroup.controllers")) && Files.readString(V2.resolve("cgroup.controllers")).contains("cpu")) {
                Path group = Files.createDirectories(V2.resolve("inbound-lambda-" + memoryMb + "mb"));
                Files.writeString(group.resolve("cpu.max"), quota + " " + PERIOD_MICROS);
                return new LambdaCpuShare(group);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not make a CPU group for " + memoryMb + " MB (run as root)", e);
        }
        throw new IllegalStateException("no writable CPU cgroup on this machine: the memory sweep needs one (run as root on Linux)");
    }

    /** A command that moves itself into the group, then runs the command line it is handed. */
    List<String> launcher() {
        return List.of("/bin/sh", "-c", "echo $$ > " + group.resolve("cgroup.procs") + " && exec \"$@\"", "sh");
    }

    /** The group goes once its processes have ended. */
    @Override
    public void close() throws IOException {
        Files.deleteIfExists(group);
    }
}
