package inbound.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the machine's CPU went during a step: the server's process, the load generator's own (this
 * JVM), and how busy the machine was in all. Linux only (/proc).
 */
final class CpuMeter {

    /** Linux reports process and machine CPU time in clock ticks of USER_HZ, 100 per second on every current kernel. */
    private static final double TICKS_PER_SECOND = 100;

    private final long serverPid;

    /** CPU seconds at one moment: the server's, the load generator's, the machine's busy and total (all cores). */
    record Reading(long wallNanos, double serverSeconds, double loadSeconds, double machineBusySeconds, double machineTotalSeconds) {

        /** Cores' worth of CPU each used between {@code earlier} and this reading. */
        Usage since(Reading earlier) {
            double wall = (wallNanos - earlier.wallNanos) / 1e9;
            double machineTotal = machineTotalSeconds - earlier.machineTotalSeconds;
            return new Usage((serverSeconds - earlier.serverSeconds) / wall, (loadSeconds - earlier.loadSeconds) / wall,
                    machineTotal == 0 ? Double.NaN : (machineBusySeconds - earlier.machineBusySeconds) / machineTotal,
                    serverSeconds - earlier.serverSeconds);
        }
    }

    /** serverCores, loadCores: CPU used over wall time; machineBusy: the fraction of all cores' time not idle. */
    record Usage(double serverCores, double loadCores, double machineBusy, double serverCpuSeconds) {
    }

    CpuMeter(long serverPid) {
        this.serverPid = serverPid;
    }

    Reading read() {
        try {
            // /proc/<pid>/stat: the 14th and 15th fields (user, system) count every thread of the process
            String stat = Files.readString(Path.of("/proc", String.valueOf(serverPid), "stat"));
            String[] afterName = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            double server = (Long.parseLong(afterName[11]) + Long.parseLong(afterName[12])) / TICKS_PER_SECOND;
            double load = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
            // /proc/stat "cpu": user nice system idle iowait irq softirq steal; idle and iowait are not busy,
            // steal (the host running other machines' work) is: those cores were not ours to use
            String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i <= 8; i++) {
                total += Long.parseLong(cpu[i]);
            }
            long idle = Long.parseLong(cpu[4]) + Long.parseLong(cpu[5]);
            return new Reading(System.nanoTime(), server, load, (total - idle) / TICKS_PER_SECOND, total / TICKS_PER_SECOND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
