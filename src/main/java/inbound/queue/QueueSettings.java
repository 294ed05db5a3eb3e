package inbound.queue;

/** The FIFO event queue, its FIFO dead-letter queue, and how many receives move a message between them. */
public record QueueSettings(String queueName, String deadLetterQueueName, int maxReceiveCount) {

    public QueueSettings {
        for (String name : new String[] {queueName, deadLetterQueueName}) {
            if (name == null || !name.endsWith(".fifo")) {
                throw new IllegalArgumentException("queue name '" + name + "' must end in .fifo: Inbound needs FIFO queues");
            }
        }
        if (maxReceiveCount < 1) {
            throw new IllegalArgumentException("maxReceiveCount must be at least 1, was " + maxReceiveCount);
        }
    }
}
