package inbound.testing;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** How much heap a server process holds once two full collections have run, and the most it may hold, read with the JDK's {@code jcmd}. */
public final class HeapAfterFullCollection {

    /** G1's and the other collectors' first line: "… total 262144K, used 123456K …". */
    private static final Pattern USED = Pattern.compile("used (\\d+)K");
    private static final Pattern MAX_HEAP = Pattern.compile("-XX:MaxHeapSize=(\\d+)");

    private HeapAfterFullCollection() {
    }

    public static long bytes(long pid) {
        // one full collection has been seen to leave much of the garbage (405 MiB where a second found 235)
        Jcmd.run(pid, "GC.run");
        Jcmd.run(pid, "GC.run");
        return firstNumber(USED, Jcmd.run(pid, "GC.heap_info"), "GC.heap_info said nothing of the heap's use") * 1024;
    }

    /** The process's maximum heap (-Xmx, or the JVM's own choice without it). */
    public static long maxBytes(long pid) {
        return firstNumber(MAX_HEAP, Jcmd.run(pid, "VM.flags"), "VM.flags did not name the maximum heap");
    }

    private static long firstNumber(Pattern pattern, String output, String otherwise) {
        Matcher found = pattern.matcher(output);
        if (!found.find()) {
            throw new IllegalStateException("jcmd " + otherwise);
        }
        return Long.parseLong(found.group(1));
    }
}
