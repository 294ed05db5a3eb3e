package inbound.queue;

import java.util.OptionalLong;

/**
 * How much the embedded queue may hold before Inbound refuses new events, and how far it must drain before
 * they are taken again. By default a share of the maximum heap, half for the messages' own cost and half
 * for their bodies, so that both at their bound together stay within the share.
 *
 * @param resumeMessages taken again below this many messages (and below {@code resumeBodyBytes})
 */
public record EmbeddedQueueBound(long maxMessages, long maxBodyBytes, long resumeMessages, long resumeBodyBytes) {

    public EmbeddedQueueBound {
        if (maxMessages < 1 || maxBodyBytes < 1) {
            throw new IllegalArgumentException("the embedded queue's bound must be at least 1 message and 1 byte, was "
                    + maxMessages + " messages and " + maxBodyBytes + " bytes");
        }
        if (resumeMessages > maxMessages || resumeBodyBytes > maxBodyBytes || resumeMessages < 0 || resumeBodyBytes < 0) {
            throw new IllegalArgumentException("the embedded queue resumes below its bound, not above it");
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

        long budgetBytes() {
            return maxHeapBytes * heapPercent / 100;
        }
    }

    /**
     * The configured bound where one is given, else the one derived from the heap.
     *
     * @param resumePercent the share of the bound (1-99) below which events are taken again
     */
    public static EmbeddedQueueBound of(OptionalLong maxMessages, OptionalLong maxBodyBytes, HeapCost heap, int resumePercent) {
        if (resumePercent < 1 || resumePercent > 99) {
            throw new IllegalArgumentException("the embedded queue's resume share must be 1-99 % of its bound, was " + resumePercent);
        }
        long messages = maxMessages.orElse(heap.budgetBytes() / 2 / heap.bytesPerMessage());
        long bytes = maxBodyBytes.orElse(heap.budgetBytes() / 2 / heap.bytesPerBodyByte());
        return new EmbeddedQueueBound(messages, bytes, messages * resumePercent / 100, bytes * resumePercent / 100);
    }

    public boolean reached(QueueBacklog.Held held) {
        return held.messages() >= maxMessages || held.bodyBytes() >= maxBodyBytes;
    }

    public boolean drained(QueueBacklog.Held held) {
        return held.messages() < resumeMessages && held.bodyBytes() < resumeBodyBytes;
    }
}
