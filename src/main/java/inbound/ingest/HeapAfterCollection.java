package inbound.ingest;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.Map;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * How full the heap was right after the latest garbage collection, as a fraction of its maximum: close
 * to what the heap really holds, without the short-lived garbage that is there between collections.
 * After a young collection it still counts dead objects of the old generation until a mixed or full
 * collection reclaims them; G1 starts those once the old generation passes its own threshold (45 % of
 * the heap at most by default), below any useful limit. One per JVM: it listens to the collectors'
 * notifications.
 */
public final class HeapAfterCollection {

    private static final HeapAfterCollection JVM = new HeapAfterCollection();

    private volatile double fraction;

    private HeapAfterCollection() {
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (collector instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener((notification, handback) -> {
                    if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                        record(GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData()).getGcInfo().getMemoryUsageAfterGc());
                    }
                }, null, null);
            }
        }
    }

    public static HeapAfterCollection ofThisJvm() {
        return JVM;
    }

    /** 0 before the first collection. */
    public double fraction() {
        return fraction;
    }

    private void record(Map<String, MemoryUsage> afterByPool) {
        long used = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            MemoryUsage after = afterByPool.get(pool.getName());
            if (after != null && pool.getType() == MemoryType.HEAP) {
                used += after.getUsed();
            }
        }
        long max = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax();
        if (max > 0) {
            fraction = (double) used / max;
        }
    }
}
