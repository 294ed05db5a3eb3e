package inbound.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.CreateQueueRequest;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteQueueRequest;
import software.amazon.awssdk.services.sqs.model.GetQueueUrlRequest;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/**
 * The embedded queue's own capacity, the ceilings Inbound's stages are measured against. Sending
 * rounds each use a FIFO queue of their own that is deleted after, since the embedded queue holds
 * every message it was sent in the heap (and five minutes of them in its deduplication history),
 * which what is measured next must not inherit.
 */
final class QueueCapacity {

    private static final int BATCH = 10;
    private static final int GROUPS = 200;

    private final SqsClient sqs;
    private final String body;
    private final AtomicInteger rounds = new AtomicInteger();

    /** @param body what every message carries: a webhook of the benchmark's size */
    QueueCapacity(SqsClient sqs, String body) {
        this.sqs = sqs;
        this.body = body;
    }

    /** Messages per second the queue takes from {@code threads} threads sending as fast as they can, one message a call or batches of ten. */
    double sendPerSecond(boolean batched, int threads, int seconds) throws InterruptedException {
        String url = newQueue(batched ? "batch" : "single");
        AtomicLong messages = new AtomicLong();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        ExecutorService senders = Executors.newFixedThreadPool(threads);
        for (int t = 0; t < threads; t++) {
            senders.execute(() -> {
                while (System.nanoTime() < end) {
                    if (batched) {
                        sendBatch(url);
                        messages.addAndGet(BATCH);
                    } else {
                        sqs.sendMessage(SendMessageRequest.builder().queueUrl(url).messageBody(body)
                                .messageGroupId(randomGroup()).messageDeduplicationId(UUID.randomUUID().toString()).build());
                        messages.incrementAndGet();
                    }
                }
            });
        }
        senders.shutdown();
        senders.awaitTermination(seconds + 60L, TimeUnit.SECONDS);
        deleteQueue(url);
        return messages.get() / (double) seconds;
    }

    /**
     * Messages per second {@code consumers} threads receive (up to ten a call, with every attribute, as
     * the worker asks) and delete (one batch call per receive, as the worker does) from a queue, until
     * {@code messages} are gone: the worker's ceiling, measured on the messages it would have had.
     */
    double receiveAndDeletePerSecond(String queueUrl, int messages, int consumers) throws InterruptedException {
        AtomicLong deleted = new AtomicLong();
        ExecutorService drainers = Executors.newFixedThreadPool(consumers);
        long start = System.nanoTime();
        for (int c = 0; c < consumers; c++) {
            drainers.execute(() -> {
                while (deleted.get() < messages) {
                    List<Message> received = sqs.receiveMessage(ReceiveMessageRequest.builder().queueUrl(queueUrl).maxNumberOfMessages(BATCH)
                            .waitTimeSeconds(1).messageSystemAttributeNames(MessageSystemAttributeName.ALL).messageAttributeNames("All").build()).messages();
                    if (received.isEmpty()) {
                        continue;
                    }
                    List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
                    for (int i = 0; i < received.size(); i++) {
                        entries.add(DeleteMessageBatchRequestEntry.builder().id("d" + i).receiptHandle(received.get(i).receiptHandle()).build());
                    }
                    sqs.deleteMessageBatch(DeleteMessageBatchRequest.builder().queueUrl(queueUrl).entries(entries).build());
                    deleted.addAndGet(received.size());
                }
            });
        }
        drainers.shutdown();
        drainers.awaitTermination(10, TimeUnit.MINUTES);
        return deleted.get() / ((System.nanoTime() - start) / 1e9);
    }

    /** The queue's own latency with nothing else going on: p50 of 50 sequential GetQueueUrl and SendMessage calls, after 10 to warm up. */
    double[] idleLatencyMs() {
        String name = "bench-latency-" + rounds.incrementAndGet() + ".fifo";
        String url = sqs.createQueue(CreateQueueRequest.builder().queueName(name).attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true")).build()).queueUrl();
        double[] getQueueUrl = new double[50];
        double[] sendMessage = new double[50];
        for (int i = -10; i < 50; i++) {
            long start = System.nanoTime();
            sqs.getQueueUrl(GetQueueUrlRequest.builder().queueName(name).build());
            long between = System.nanoTime();
            sqs.sendMessage(SendMessageRequest.builder().queueUrl(url).messageBody("{}").messageGroupId("g")
                    .messageDeduplicationId(UUID.randomUUID().toString()).build());
            if (i >= 0) {
                getQueueUrl[i] = (between - start) / 1e6;
                sendMessage[i] = (System.nanoTime() - between) / 1e6;
            }
        }
        deleteQueue(url);
        return new double[] {LoadStep.percentile(LoadStep.sorted(getQueueUrl), 0.5), LoadStep.percentile(LoadStep.sorted(sendMessage), 0.5)};
    }

    private void sendBatch(String url) {
        List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < BATCH; i++) {
            entries.add(SendMessageBatchRequestEntry.builder().id("e" + i).messageBody(body)
                    .messageGroupId(randomGroup()).messageDeduplicationId(UUID.randomUUID().toString()).build());
        }
        sqs.sendMessageBatch(SendMessageBatchRequest.builder().queueUrl(url).entries(entries).build());
    }

    private String newQueue(String kind) {
        return sqs.createQueue(CreateQueueRequest.builder().queueName("bench-" + kind + "-" + rounds.incrementAndGet() + ".fifo")
                .attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true")).build()).queueUrl();
    }

    private void deleteQueue(String url) {
        sqs.deleteQueue(DeleteQueueRequest.builder().queueUrl(url).build());
    }

    private static String randomGroup() {
        return "g" + ThreadLocalRandom.current().nextInt(GROUPS);
    }
}
