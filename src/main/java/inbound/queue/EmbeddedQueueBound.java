package inbound.queue;

import java.util.OptionalLong;

/**
 * How much the embedded queue may hold before Inbound refuses new events, and how far it must drain
 * before they are taken again: what its messages cost the heap — each message's own cost and its
 * body's, as measured — within a share of the maximum heap, and, where configured, at most so many
 * messages or body bytes. Taken again once every measure is below {@code resumePercent} of its bound.
 */
public record EmbeddedQueueBound(long maxMessages, long maxBodyBytes, HeapCost heap, int resumePercent) {

    /** A bound not configured. */
    private static final long NONE = Long.MAX_VALUE;
    private static final long MIB = 1024 * 1024;

    public EmbeddedQueueBound {
        if (maxMessages < 1 || maxBodyBytes < 1) {
            throw new IllegalArgumentException("the embedded queue's bound must be at least 1 message and 1 byte, was "
                    + maxMessages + " messages and " + maxBodyBytes + " bytes");
        }
        if (resumePercent < 1 || resumePercent > 99) {
            throw new IllegalArgumentException("the embedded queue's resume share must be 1-99 % of its bound, was " + resumePercent);
        }
    }

    /** What the queue's heap costs, as measured (docs/reliability.md), and the share of the heap it may take. */
    public record HeapCost(long maxHeapBytes, int heapPercent, long bytesPerMessage, long bytesPerBodyByte) {

        public HeapCost {
            if (heapPercent < 1 || heapPercent > 90) {
                throw new IllegalArgumentException("the embedded queue's share of the heap must be 1-90 %, was " + heapPercent);
            }
            if (bytesPerMessage < 1 || bytesPerBodyByte < 1) {
                throw new IllegalArgumentException("the embedded queue's heap cost per message and per body byte must be at least 1");
            }
        }

        public long budgetBytes() {
            return maxHeapBytes * heapPercent / 100;
        }

        /** What these messages cost the heap. */
        public long of(QueueBacklog.Held held) {
            return held.messages() * bytesPerMessage + held.bodyBytes() * bytesPerBodyByte;
        }
    }

    /** The heap share, and the configured counts of messages and of body bytes where they are given. */
    public static EmbeddedQueueBound of(OptionalLong maxMessages, OptionalLong maxBodyBytes, HeapCost heap, int resumePercent) {
        return new EmbeddedQueueBound(maxMessages.orElse(NONE), maxBodyBytes.orElse(NONE), heap, resumePercent);
    }

    public boolean reached(QueueBacklog.Held held) {
        return held.messages() >= maxMessages || held.bodyBytes() >= maxBodyBytes || heap.of(held) >= heap.budgetBytes();
    }

    public boolean drained(QueueBacklog.Held held) {
        return held.messages() < resume(maxMessages) && held.bodyBytes() < resume(maxBodyBytes) && heap.of(held) < resume(heap.budgetBytes());
    }

    /** What the queue holds against its bound, for a log line. */
    public String describe(QueueBacklog.Held held) {
        return held.messages() + " messages" + (maxMessages == NONE ? "" : " (bound " + maxMessages + ")") + ", "
                + held.bodyBytes() + " bytes of bodies" + (maxBodyBytes == NONE ? "" : " (bound " + maxBodyBytes + ")")
                + ", costing about " + heap.of(held) / MIB + " MiB of the heap (bound " + heap.budgetBytes() / MIB + " MiB)";
    }

    private long resume(long bound) {
        return bound == NONE ? NONE : bound * resumePercent / 100;
    }
}
