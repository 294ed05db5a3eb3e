package inbound.bench;

import inbound.testing.Jcmd;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where a server's CPU went, thread by thread: the CPU time of each of its threads from /proc, named
 * by the JVM's own thread dump (the kernel keeps only a name's first 15 characters), and grouped by
 * name with the numbers of pooled threads taken out — so that the embedded queue's threads can be
 * told from Inbound's own. Linux only.
 */
final class ThreadCpu {

    /** Linux reports thread CPU time in clock ticks of USER_HZ, 100 per second on every current kernel. */
    private static final double TICKS_PER_SECOND = 100;
    private static final Pattern DUMPED_THREAD = Pattern.compile("^\"(.*)\" .*nid=(0x[0-9a-f]+|[0-9]+)");
    /** A pooled thread's number: after a dash or hash, or at the end of a name (C1 and H2 keep theirs). */
    private static final Pattern NUMBER = Pattern.compile("(?<=[-#])\\d+|(?<=[A-Za-z])\\d+$");

    private final long pid;
    private final String dataDir;

    /** @param dataDir the server's data dir, which its database files' threads name */
    ThreadCpu(long pid, Path dataDir) {
        this.pid = pid;
        this.dataDir = dataDir.toString();
    }

    /** CPU seconds of every live thread at one moment, by kernel thread id, and each thread's name then. */
    record Snapshot(Map<Long, Double> secondsByThread, Map<Long, String> names) {
    }

    /** What each group of threads used between two snapshots, in CPU seconds, largest first; the process's total apart. */
    record Usage(Map<String, Double> secondsByGroup, double processSeconds) {

        /** The embedded queue's threads: ElasticMQ's and the writer of its database file. */
        double queueSeconds() {
            return secondsByGroup.entrySet().stream().filter(group -> isQueue(group.getKey())).mapToDouble(Map.Entry::getValue).sum();
        }

        /** The server's CPU less the embedded queue's threads: what Inbound itself costs (the JVM's collector and compiler included). */
        double inboundSeconds() {
            return processSeconds - queueSeconds();
        }
    }

    static boolean isQueue(String group) {
        return group.startsWith("elasticmq") || group.startsWith("MVStore background writer <data>/queue/");
    }

    Snapshot snapshot() {
        Map<Long, Double> seconds = new HashMap<>();
        Map<Long, String> names = new HashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", String.valueOf(pid), "task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String[] afterName = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long tid = Long.parseLong(task.getFileName().toString());
                    seconds.put(tid, (Long.parseLong(afterName[11]) + Long.parseLong(afterName[12])) / TICKS_PER_SECOND);
                    names.put(tid, stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')));
                } catch (NoSuchFileException ended) {
                    // the thread ended between listing and reading: it is not there to count
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        names.putAll(dumpedNames());
        return new Snapshot(seconds, names);
    }

    /** Per group, the CPU seconds its threads used from {@code earlier} to {@code later}; threads that began in between count from zero. */
    Usage between(Snapshot earlier, Snapshot later, double processSeconds) {
        Map<String, Double> byGroup = new HashMap<>();
        later.secondsByThread().forEach((tid, seconds) -> {
            double used = seconds - earlier.secondsByThread().getOrDefault(tid, 0.0);
            if (used > 0) {
                byGroup.merge(group(later.names().get(tid)), used, Double::sum);
            }
        });
        Map<String, Double> sorted = new LinkedHashMap<>();
        byGroup.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(group -> sorted.put(group.getKey(), group.getValue()));
        return new Usage(sorted, processSeconds);
    }

    String group(String name) {
        return NUMBER.matcher(name.replace(dataDir, "<data>")).replaceAll("N");
    }

    /** Kernel thread id → the JVM's name for it, from its thread dump. */
    private Map<Long, String> dumpedNames() {
        Map<Long, String> names = new HashMap<>();
        for (String line : Jcmd.run(pid, "Thread.print").split("\n")) {
            Matcher thread = DUMPED_THREAD.matcher(line);
            if (thread.find()) {
                String nid = thread.group(2);
                names.put(nid.startsWith("0x") ? Long.parseLong(nid.substring(2), 16) : Long.parseLong(nid), thread.group(1));
            }
        }
        return names;
    }
}
