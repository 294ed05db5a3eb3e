package inbound.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import inbound.embedded.RestoreBacklog.StoredMessage;
import inbound.queue.TraceHeader;
import inbound.support.Flush;
import inbound.support.AtMostOncePer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * Sends the {@link RestoreBacklog}'s messages to ElasticMQ again, each group in its stored order, as new
 * FIFO messages with the same body, attributes, trace, group and deduplication id (a new message id, a receive
 * count of 0).
 *
 * <p>A chunk of the backlog at a time, some groups after others: a chunk takes ten groups for each lane (fewer
 * when a chunk holds fewer than ten messages), a group to a lane; each lane sends its groups' messages in batches one after another, a batch carrying at
 * most one message of a group ({@link ResendBatches}), so that a group's messages never race each other;
 * the queue's checkpoint then puts what ElasticMQ wrote on file, and only then the chunk leaves the backlog and a
 * group with nothing left is whole again ({@link EmbeddedQueueRestore}). A kill at any point loses nothing:
 * what is not on file in ElasticMQ's table is still in the backlog.
 *
 * <p>It runs while Inbound already takes events: of the groups that are whole, and of new ones.
 */
final class BacklogResend {

    private static final Logger LOG = LoggerFactory.getLogger(BacklogResend.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** ElasticMQ's strict limit on a batch's entries ({@code StrictSQSLimits.batchSizeLimit}, as SQS's). */
    private static final int BATCH_ENTRIES = 10;
    /** ElasticMQ's strict limit on a batch's bodies together, in characters ({@code SendMessageBatchDirectives}: their sum against {@code maxMessageLength}). */
    private static final int BATCH_BODY_CHARS = 1024 * 1024;

    private final RestoreBacklog backlog;
    private final Flush checkpoint;
    private final RestoreResendSettings settings;

    BacklogResend(RestoreBacklog backlog, Flush checkpoint, RestoreResendSettings settings) {
        this.backlog = backlog;
        this.checkpoint = checkpoint;
        this.settings = settings;
    }

    /**
     * Sends every message of the backlog to {@code endpoint}, the queues in the order of {@code queueNames}; returns
     * once the backlog is empty and that is on file, telling {@code restore} how far it is after each chunk.
     */
    void resend(URI endpoint, List<String> queueNames, EmbeddedQueueRestore restore) {
        long started = System.nanoTime();
        long sent = 0;
        AtMostOncePer progressLog = new AtMostOncePer(settings.progressLogInterval(), System::nanoTime);
        LOG.info("Sending the embedded queue's stored messages again as FIFO messages; until a message group is whole"
                + " again, its new events are answered 503 queue_restoring, and replays 503");
        ExecutorService lanes = Executors.newFixedThreadPool(settings.lanes(), runnable -> {
            Thread thread = new Thread(runnable, "restore-resend");
            thread.setDaemon(true);
            return thread;
        });
        try (SqsClient sqs = EmbeddedSqsServer.client(endpoint, Duration.ofSeconds(30))) {
            for (String queueName : queueNames) {
                String queueUrl = sqs.getQueueUrl(request -> request.queueName(queueName)).queueUrl();
                int groups = settings.lanes() * Math.min(BATCH_ENTRIES, settings.chunkMessages());
                int perGroup = Math.max(1, settings.chunkMessages() / groups);
                for (List<StoredMessage> chunk = backlog.next(queueName, groups, perGroup, settings.chunkBytes()); !chunk.isEmpty();
                        chunk = backlog.next(queueName, groups, perGroup, settings.chunkBytes())) {
                    sendInLanes(sqs, queueUrl, chunk, lanes, settings.lanes());
                    checkpoint.flush();
                    backlog.remove(chunk);
                    Set<String> whole = new HashSet<>();
                    chunk.stream().map(StoredMessage::groupId).distinct().filter(group -> !backlog.holds(group)).forEach(whole::add);
                    restore.queued(chunk.size(), whole);
                    sent += chunk.size();
                    if (progressLog.now()) {
                        LOG.info("Sent {} stored messages of the embedded queue again so far", sent);
                    }
                }
            }
        } finally {
            lanes.shutdownNow();
        }
        checkpoint.flush();
        restore.finished();
        LOG.info("Sent the embedded queue's {} stored messages again as FIFO messages, in their order, in {} ms: every message group is whole again",
                sent, Duration.ofNanos(System.nanoTime() - started).toMillis());
    }

    private static void sendInLanes(SqsClient sqs, String queueUrl, List<StoredMessage> chunk, ExecutorService lanes, int laneCount) {
        List<List<StoredMessage>> byLane = new ArrayList<>();
        for (int i = 0; i < laneCount; i++) {
            byLane.add(new ArrayList<>());
        }
        Map<String, Integer> laneOfGroup = new HashMap<>();
        for (StoredMessage message : chunk) {
            byLane.get(laneOfGroup.computeIfAbsent(message.groupId(), group -> laneOfGroup.size() % laneCount)).add(message);
        }
        List<Future<?>> running = new ArrayList<>();
        for (List<StoredMessage> lane : byLane) {
            running.add(lanes.submit(() -> sendInOrder(sqs, queueUrl, lane)));
        }
        for (Future<?> lane : running) {
            try {
                lane.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while re-sending the embedded queue's stored messages", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("Could not re-send the embedded queue's stored messages (they stay on file for the next start): "
                        + e.getCause().getMessage(), e.getCause());
            }
        }
    }

    private static void sendInOrder(SqsClient sqs, String queueUrl, List<StoredMessage> messages) {
        for (List<StoredMessage> batch : ResendBatches.of(messages, StoredMessage::groupId, BacklogResend::bodyChars, BATCH_ENTRIES, BATCH_BODY_CHARS)) {
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            for (StoredMessage message : batch) {
                entries.add(entry(entries.size(), message));
            }
            send(sqs, queueUrl, entries);
        }
    }

    private static int bodyChars(StoredMessage message) {
        return body(message).length();
    }

    private static void send(SqsClient sqs, String queueUrl, List<SendMessageBatchRequestEntry> batch) {
        SendMessageBatchResponse response = sqs.sendMessageBatch(request -> request.queueUrl(queueUrl).entries(batch));
        if (!response.failed().isEmpty()) {
            throw new IllegalStateException("the queue refused " + response.failed().size() + " of them: " + response.failed().get(0).message());
        }
    }

    /** ElasticMQ writes bodies and attributes with the platform charset, and reads them back with it. */
    private static String body(StoredMessage message) {
        return new String(message.content(), Charset.defaultCharset());
    }

    private static SendMessageBatchRequestEntry entry(int index, StoredMessage message) {
        return SendMessageBatchRequestEntry.builder()
                .id(String.valueOf(index))
                .messageBody(body(message))
                .messageAttributes(attributes(message.attributes()))
                .messageSystemAttributesWithStrings(TraceHeader.parse(message.tracingId()).map(TraceHeader::systemAttributes).orElse(Map.of()))
                .messageGroupId(message.groupId())
                .messageDeduplicationId(message.deduplicationId())
                .build();
    }

    /** ElasticMQ's stored form: a JSON list of {@code {key, primaryDataType, stringValue, customType?}}, binary values in Base64. */
    private static Map<String, MessageAttributeValue> attributes(byte[] stored) {
        Map<String, MessageAttributeValue> attributes = new HashMap<>();
        try {
            for (JsonNode attribute : JSON.readTree(new String(stored, Charset.defaultCharset()))) {
                String primaryType = attribute.path("primaryDataType").asText();
                JsonNode customType = attribute.path("customType");
                MessageAttributeValue.Builder value = MessageAttributeValue.builder()
                        .dataType(customType.isTextual() ? primaryType + "." + customType.asText() : primaryType);
                String text = attribute.path("stringValue").asText();
                if (primaryType.equals("Binary")) {
                    value.binaryValue(SdkBytes.fromByteArray(Base64.getDecoder().decode(text)));
                } else {
                    value.stringValue(text);
                }
                attributes.put(attribute.path("key").asText(), value.build());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("a stored message's attributes are not ElasticMQ's JSON", e);
        }
        return attributes;
    }
}
