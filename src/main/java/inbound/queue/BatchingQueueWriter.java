package inbound.queue;

import inbound.support.Flush;
import inbound.support.FlushFailed;
import inbound.support.AtMostOncePer;
import inbound.support.PipelineMetrics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import org.apache.camel.AsyncCallback;
import org.apache.camel.AsyncProcessor;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.AsyncProcessorSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResultEntry;

/**
 * Group commit to the queue: concurrent ingest requests share SendMessageBatch calls. Entries are
 * collected until ten, or the batch's byte limit, or a short linger after the first; then sent
 * together, in arrival order. Each message group always goes through the same sender, so entries of
 * one group keep their order. Each request continues — to its 202 — only when the queue confirmed
 * its own entry and the batch was made durable ({@link Flush}); a failed entry fails its own request
 * alone. The batch is built here, entry by entry with its own group and deduplication id:
 * camel-aws2-sqs' batch operation gives every entry the same ones.
 *
 * <p>Load shedding: when the oldest request waiting for a sender has waited longer than the settings'
 * {@code maxWait}, new requests for that sender are refused at once ({@link Overloaded}, 503 with
 * Retry-After), and a request that has waited that long when its sender takes it is refused instead of
 * sent. So under overload
 * the queue gets what it can take, the rest get a quick answer the provider retries, and memory does
 * not fill with requests whose providers have stopped waiting.
 */
public final class BatchingQueueWriter extends AsyncProcessorSupport implements AsyncProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(BatchingQueueWriter.class);
    private static final int MAX_ENTRIES = 10;
    /** Beyond this many requests waiting for one sender, new ones are refused (503) rather than queued in memory. */
    private static final int MAX_WAITING_PER_SENDER = 1000;
    /** Refusals for a busy queue are counted and logged at most this often: one line each would add to the overload. */
    private static final Duration BUSY_LOG_INTERVAL = Duration.ofSeconds(10);
    private static final OptionalLong UNTIL_ONE_COMES = OptionalLong.empty();

    private final SqsClient sqs;
    private final Flush flush;
    private final PipelineMetrics metrics;
    private final long lingerNanos;
    private final int maxBatchBytes;
    private final int senders;
    private final long maxWaitNanos;
    private final LongSupplier nanoTime;
    private final AtomicLong refusedBusy = new AtomicLong();
    private final AtMostOncePer busyLog;
    /** One queue per sender; a group always goes to the same one, so two batches never race with entries of one group. */
    private final List<BlockingQueue<Pending>> pendingBySender = new ArrayList<>();
    private ExecutorService executor;
    private final QueueUrl queueUrl;

    private record Pending(Exchange exchange, Answer callback, SendMessageBatchRequestEntry.Builder entry, int size, long arrivedNanos) {
    }

    /**
     * A request's callback, run at most once: the rest of the ingest route runs inside it, on the sender's
     * thread, so a batch can fail after some of its requests were answered, and only the others are failed then.
     */
    private static final class Answer implements AsyncCallback {

        private final AsyncCallback callback;
        private final AtomicBoolean given = new AtomicBoolean();

        Answer(AsyncCallback callback) {
            this.callback = callback;
        }

        boolean given() {
            return given.get();
        }

        @Override
        public void done(boolean doneSync) {
            if (given.compareAndSet(false, true)) {
                callback.done(doneSync);
            }
        }
    }

    /** {@code metrics}: told how many events each send carried. */
    public BatchingQueueWriter(SqsClient sqs, Flush flush, String queueName, GroupCommitSettings settings, PipelineMetrics metrics) {
        this(sqs, flush, queueName, settings, metrics, System::nanoTime);
    }

    /** {@code nanoTime}: the clock the wait of a request is measured with. */
    BatchingQueueWriter(SqsClient sqs, Flush flush, String queueName, GroupCommitSettings settings, PipelineMetrics metrics, LongSupplier nanoTime) {
        this.sqs = sqs;
        this.flush = flush;
        this.metrics = metrics;
        this.queueUrl = new QueueUrl(sqs, queueName);
        this.lingerNanos = settings.linger().toNanos();
        this.maxBatchBytes = settings.maxBatchBytes();
        this.senders = settings.senders();
        this.maxWaitNanos = settings.maxWait().toNanos();
        this.nanoTime = nanoTime;
        this.busyLog = new AtMostOncePer(BUSY_LOG_INTERVAL, nanoTime);
        for (int i = 0; i < senders; i++) {
            pendingBySender.add(new LinkedBlockingQueue<>(MAX_WAITING_PER_SENDER));
        }
    }

    @Override
    protected void doStart() {
        executor = Executors.newFixedThreadPool(senders, runnable -> {
            Thread thread = new Thread(runnable, "inbound-queue-writer");
            thread.setDaemon(true);
            return thread;
        });
        for (BlockingQueue<Pending> pending : pendingBySender) {
            executor.execute(() -> sendBatches(pending));
        }
    }

    @Override
    protected void doStop() throws InterruptedException {
        executor.shutdownNow();
        executor.awaitTermination(10, TimeUnit.SECONDS);
        for (BlockingQueue<Pending> pending : pendingBySender) {
            List<Pending> unsent = new ArrayList<>();
            pending.drainTo(unsent);
            fail(unsent, new QueueWriteRejected("Inbound is stopping."));
        }
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        Message message = exchange.getMessage();
        // the raw bytes as UTF-8, whatever charset the request declared: the copy of record is the bytes
        String body = new String(message.getBody(byte[].class), StandardCharsets.UTF_8);
        Map<String, MessageAttributeValue> attributes = new HashMap<>();
        int size = body.getBytes(StandardCharsets.UTF_8).length;
        for (String name : EventAttributes.EVENT_METADATA) {
            String value = message.getHeader(name, String.class);
            if (value != null) {
                attributes.put(name, MessageAttributeValue.builder().dataType("String").stringValue(value).build());
                size += name.length() + value.length() + "String".length();
            }
        }
        SendMessageBatchRequestEntry.Builder entry = SendMessageBatchRequestEntry.builder()
                .messageBody(body)
                .messageAttributes(attributes)
                .messageSystemAttributesWithStrings(TraceHeader.systemAttributes(exchange))
                .messageGroupId(exchange.getProperty(EventAttributes.GROUP_ID_PROPERTY, String.class))
                .messageDeduplicationId(exchange.getProperty(EventAttributes.DEDUPLICATION_ID_PROPERTY, String.class));
        String group = exchange.getProperty(EventAttributes.GROUP_ID_PROPERTY, String.class);
        BlockingQueue<Pending> pending = pendingBySender.get(Math.floorMod(group == null ? 0 : group.hashCode(), senders));
        long now = nanoTime.getAsLong();
        Pending oldest = pending.peek();
        if (oldest != null && waitedTooLong(oldest, now)) {
            exchange.setException(busy());
            callback.done(true);
            return true;
        }
        if (!pending.offer(new Pending(exchange, new Answer(callback), entry, size, now))) {
            exchange.setException(new Overloaded("Too many events are waiting for the queue; retry later."));
            callback.done(true);
            return true;
        }
        return false;
    }

    private boolean waitedTooLong(Pending request, long now) {
        return now - request.arrivedNanos() > maxWaitNanos;
    }

    private Overloaded busy() {
        long refused = refusedBusy.incrementAndGet();
        if (busyLog.now()) {
            LOG.warn("The queue is behind: {} events refused (503) so far, each would have waited more than {} ms",
                    refused, TimeUnit.NANOSECONDS.toMillis(maxWaitNanos));
        }
        return new Overloaded("The queue is behind; retry later.");
    }

    /**
     * The next request this sender may still send, refusing on the way those that waited too long: the
     * first to come ({@link #UNTIL_ONE_COMES}), or null when none came before {@code lingerEnd} (System.nanoTime).
     */
    private Pending nextInTime(BlockingQueue<Pending> pending, OptionalLong lingerEnd) throws InterruptedException {
        while (true) {
            Pending next = lingerEnd.isEmpty() ? pending.take()
                    : pending.poll(Math.max(0, lingerEnd.getAsLong() - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (next == null || !waitedTooLong(next, nanoTime.getAsLong())) {
                return next;
            }
            fail(List.of(next), busy());
        }
    }

    private void sendBatches(BlockingQueue<Pending> pending) {
        Pending carried = null;
        while (!Thread.currentThread().isInterrupted()) {
            List<Pending> batch = new ArrayList<>();
            try {
                Pending first = carried != null ? carried : nextInTime(pending, UNTIL_ONE_COMES);
                carried = null;
                batch.add(first);
                int bytes = first.size();
                OptionalLong lingerEnd = OptionalLong.of(System.nanoTime() + lingerNanos);
                while (batch.size() < MAX_ENTRIES) {
                    Pending next = nextInTime(pending, lingerEnd);
                    if (next == null) {
                        break;
                    }
                    if (bytes + next.size() > maxBatchBytes) {
                        carried = next;
                        break;
                    }
                    batch.add(next);
                    bytes += next.size();
                }
                send(batch);
            } catch (InterruptedException stopping) {
                // interrupted while collecting: the batch was not sent, and its requests still wait for an answer
                fail(batch, new QueueWriteRejected("Inbound is stopping."));
                Thread.currentThread().interrupt();
            } catch (RuntimeException | Error unexpected) {
                // a sender must not die, whatever a send or an answer threw: its groups' requests would wait for ever
                LOG.error("Queue writer failed a batch unexpectedly", unexpected);
                fail(batch, new QueueWriteRejected("The event could not be queued; retry later."));
            }
        }
        if (carried != null) {
            fail(List.of(carried), new QueueWriteRejected("Inbound is stopping."));
        }
    }

    private void send(List<Pending> batch) {
        List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            entries.add(batch.get(i).entry().id(String.valueOf(i)).build());
        }
        SendMessageBatchResponse response;
        try {
            response = sqs.sendMessageBatch(SendMessageBatchRequest.builder().queueUrl(queueUrl.get()).entries(entries).build());
        } catch (RuntimeException unreachable) {
            fail(batch, unreachable);
            return;
        }
        metrics.queueSendBatch(entries.size());
        Map<String, BatchResultErrorEntry> failed = new HashMap<>();
        response.failed().forEach(error -> failed.put(error.id(), error));
        // only an entry the queue names as sent is acknowledged: one it left out of both lists may not be there
        Set<String> confirmed = response.successful().stream().map(SendMessageBatchResultEntry::id).collect(Collectors.toSet());
        if (!confirmed.isEmpty()) {
            try {
                flush.flushConfirmed(response.successful().stream().map(SendMessageBatchResultEntry::messageId).toList());
            } catch (FlushFailed notDurable) {
                LOG.warn(notDurable.getMessage());
                fail(batch, new QueueWriteRejected("The queue could not store the event."));
                return;
            }
        }
        for (int i = 0; i < batch.size(); i++) {
            Pending request = batch.get(i);
            BatchResultErrorEntry error = failed.get(String.valueOf(i));
            if (error != null) {
                LOG.warn("The queue refused one entry of a batch: {} ({})", error.code(), error.message());
                request.exchange().setException(new QueueWriteRejected("The queue refused the event: " + error.code() + "."));
            } else if (!confirmed.contains(String.valueOf(i))) {
                LOG.warn("The queue's answer to a batch named one entry neither sent nor refused");
                request.exchange().setException(new QueueWriteRejected("The queue did not confirm the event."));
            }
            try {
                request.callback().done(false);
            } catch (RuntimeException | Error answering) {
                LOG.warn("Could not answer a request after the queue's answer", answering);
            }
        }
    }

    /** Fails the requests of {@code batch} not answered yet. */
    private static void fail(List<Pending> batch, Exception cause) {
        for (Pending request : batch) {
            if (request.callback().given()) {
                continue;
            }
            request.exchange().setException(cause);
            try {
                request.callback().done(false);
            } catch (RuntimeException | Error answering) {
                LOG.warn("Could not answer a request whose event was not queued", answering);
            }
        }
    }
}
