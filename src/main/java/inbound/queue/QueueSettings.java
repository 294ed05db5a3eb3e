package inbound.queue;

import inbound.settings.SettingsReader;

/**
 * The FIFO event queue, its FIFO dead-letter queue, and on which receive the worker moves a failing
 * event between them. The queue's own redrive is set to twice that, as a backstop only: its moves are
 * not durable in the embedded queue, the worker's are.
 */
public record QueueSettings(String queueName, String deadLetterQueueName, int maxReceiveCount) {

    /** SQS's largest redrive maxReceiveCount. */
    private static final int LARGEST_REDRIVE_RECEIVE_COUNT = 1000;

    public QueueSettings {
        for (String name : new String[] {queueName, deadLetterQueueName}) {
            if (name == null || !name.endsWith(".fifo")) {
                throw new IllegalArgumentException("queue name '" + name + "' (inbound.queue.name, inbound.dlq.name) must end in .fifo: Inbound needs FIFO queues");
            }
        }
        if (maxReceiveCount < 1 || 2 * maxReceiveCount > LARGEST_REDRIVE_RECEIVE_COUNT) {
            throw new IllegalArgumentException("maxReceiveCount must be from 1 to " + LARGEST_REDRIVE_RECEIVE_COUNT / 2 + ", was " + maxReceiveCount);
        }
    }

    public static QueueSettings read(SettingsReader settings) {
        return settings.build(() -> new QueueSettings(settings.text("inbound.queue.name"), settings.text("inbound.dlq.name"),
                settings.integer("inbound.queue.max-receive-count", 1, LARGEST_REDRIVE_RECEIVE_COUNT / 2)));
    }

    /** The queue's redrive policy: above the worker's limit, so that the worker's durable move comes first. */
    public int redriveMaxReceiveCount() {
        return 2 * maxReceiveCount;
    }
}
