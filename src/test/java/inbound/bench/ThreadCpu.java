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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where a server's CPU went, thread by thread: the CPU time of each of its threads from /proc, sampled
 * over a window, named by the JVM's own thread dump at its end (the kernel keeps only a name's first 15
 * characters, which name the threads that ended before), and grouped by name with the numbers of
 * pooled threads taken out — so that the embedded queue's threads can be told from Inbound's own.
 * Linux only.
 */
final class ThreadCpu {

    /** Linux reports thread CPU time in clock ticks of USER_HZ, 100 per second on every current kernel. */
    private static final double TICKS_PER_SECOND = 100;
    private static final Pattern DUMPED_THREAD = Pattern.compile("^\"(.*)\" .*nid=(0x[0-9a-f]+|[0-9]+)");
    /** A pooled thread's number: after a dash or hash, or at the end of a name (C1 and H2 keep theirs). */
    private static final long SAMPLE_MILLIS = 250;
    private static final Pattern NUMBER = Pattern.compile("(?<=[-#])\\d+|(?<=[A-Za-z])\\d+$");

    private final long pid;
    private final String dataDir;

    /** @param dataDir the server's data dir, which its database files' threads name */
    ThreadCpu(long pid, Path dataDir) {
        this.pid = pid;
        this.dataDir = dataDir.toString();
    }

    /** What each group of threads used in a window, in CPU seconds, largest first; the process's total apart. */
    record Usage(Map<String, Double> secondsByGroup, double processSeconds) {

        /** The embedded queue's threads: ElasticMQ's and the writer of its database file. */
        double queueSeconds() {
            return secondsByGroup.entrySet().stream().filter(group -> isQueue(group.getKey())).mapToDouble(Map.Entry::getValue).sum();
        }

        /** Inbound's own threads: all but the embedded queue's (the JVM's collector and compiler included). */
        double inboundSeconds() {
            return secondsByGroup.values().stream().mapToDouble(Double::doubleValue).sum() - queueSeconds();
        }

        /** What the process used that no thread's figures hold: threads that ended after their last sample. */
        double unattributedSeconds() {
            return Math.max(0, processSeconds - queueSeconds() - inboundSeconds());
        }
    }

    static boolean isQueue(String group) {
        return group.startsWith("elasticmq") || group.startsWith("MVStore background writer <data>/queue/");
    }

    /**
     * Starts counting: every thread's CPU time is sampled from now until {@link Window#stop}, so that a
     * pooled thread that ends in between (a fork-join pool retires idle ones) keeps what it used up to
     * its last sample.
     */
    Window start() {
        return new Window();
    }

    /** A span of time over which the server's threads are counted. */
    final class Window {

        private final Map<Long, Double> baseline;
        private final Map<Long, Double> latest = new ConcurrentHashMap<>();
        private final Map<Long, String> names = new ConcurrentHashMap<>();
        private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "thread-cpu-sampler");
            thread.setDaemon(true);
            return thread;
        });

        private Window() {
            baseline = sample();
            latest.putAll(baseline);
            sampler.scheduleAtFixedRate(() -> latest.putAll(sample()), SAMPLE_MILLIS, SAMPLE_MILLIS, TimeUnit.MILLISECONDS);
        }

        /** Ends the window: per group, what its threads used since it began; threads that began in between count from zero. */
        Usage stop(double processSeconds) {
            sampler.shutdownNow();
            latest.putAll(sample());
            names.putAll(dumpedNames());
            Map<String, Double> byGroup = new HashMap<>();
            latest.forEach((tid, seconds) -> {
                double used = seconds - baseline.getOrDefault(tid, 0.0);
                if (used > 0) {
                    byGroup.merge(group(names.get(tid)), used, Double::sum);
                }
            });
            Map<String, Double> sorted = new LinkedHashMap<>();
            byGroup.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                    .forEach(group -> sorted.put(group.getKey(), group.getValue()));
            return new Usage(sorted, processSeconds);
        }

        /** CPU seconds of every live thread now, by kernel thread id; the kernel's (shortened) name of each new one noted. */
        private Map<Long, Double> sample() {
            Map<Long, Double> seconds = new HashMap<>();
            try (Stream<Path> tasks = Files.list(Path.of("/proc", String.valueOf(pid), "task"))) {
                for (Path task : (Iterable<Path>) tasks::iterator) {
                    try {
                        String stat = Files.readString(task.resolve("stat"));
                        String[] afterName = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        long tid = Long.parseLong(task.getFileName().toString());
                        seconds.put(tid, (Long.parseLong(afterName[11]) + Long.parseLong(afterName[12])) / TICKS_PER_SECOND);
                        names.putIfAbsent(tid, stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')));
                    } catch (NoSuchFileException ended) {
                        // the thread ended between listing and reading: its last sample stands
                    }
                }
            } catch (NoSuchFileException gone) {
                // the process ended: nothing more to sample
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return seconds;
        }
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
