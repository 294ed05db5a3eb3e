package inbound.deadletter;

import inbound.claimcheck.PayloadPointer;
import inbound.queue.EventAttributes;
import inbound.queue.QueueSettings;
import inbound.queue.QueueUrl;
import inbound.queue.TraceHeader;
import inbound.store.EventStatus;
import inbound.support.LoggedEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityRequest;
import software.amazon.awssdk.services.sqs.model.DeleteMessageRequest;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/**
 * The dead-letter queue as an operator works with it: look at what is in it, and move events back
 * to the main queue. SQS has no way to read a queue without receiving it, so looking means receiving
 * with a visibility timeout and then making everything visible again.
 */
public final class DeadLetterQueue {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterQueue.class);
    /** SQS's limit: twelve hours. */
    private static final long MAX_VISIBILITY_SECONDS = 43_200;

    private final SqsClient sqs;
    private final QueueSettings queues;
    private final QueueUrl queueUrl;
    private final QueueUrl deadLetterUrl;
    private final Duration visitLimit;
    /** How long a visit keeps what it received invisible to others: longer than the visit, so nothing reappears during it. */
    private final int holdSeconds;

    /** @param visitLimit how long one visit (a replay, a look-up) may go on receiving */
    public DeadLetterQueue(SqsClient sqs, QueueSettings queues, Duration visitLimit) {
        this.sqs = sqs;
        this.queues = queues;
        this.queueUrl = new QueueUrl(sqs, queues.queueName());
        this.deadLetterUrl = new QueueUrl(sqs, queues.deadLetterQueueName());
        if (visitLimit.isNegative() || visitLimit.isZero()) {
            throw new IllegalArgumentException("the dead-letter visit limit must be positive, was " + visitLimit);
        }
        this.visitLimit = visitLimit;
        this.holdSeconds = (int) Math.min(MAX_VISIBILITY_SECONDS, Math.max(2, 2 * visitLimit.toSeconds() + 1));
    }

    /** What a visitor did with a dead letter. */
    public enum Outcome {
        /** took it off the dead-letter queue */
        TAKEN,
        /** took it off the dead-letter queue, and wants no more: the visit ends, and releases what it held */
        TAKEN_LAST,
        /** looked at it and left it, without holding back the rest of its group (a dry run, a search) */
        PASSED,
        /** left it in place, and so the rest of its group too */
        LEFT
    }

    /**
     * Receives the dead letters one batch at a time, hands each to {@code visitor}, which answers what it
     * did; those not taken are made visible again at the end. Per FIFO message group a visit stops at the
     * first dead letter the visitor leaves in place (the later ones of the group are not offered), so the
     * group's order is kept. It ends when the queue has nothing more to hand out, when a message comes
     * round again, or once the visit limit has passed (checked before each receive after the first).
     *
     * @return false when it stopped at its time limit: there may be dead letters it did not look at
     */
    public boolean visit(Function<Message, Outcome> visitor) {
        // by message id: a message received again replaces its old receipt handle
        Map<String, Message> held = new LinkedHashMap<>();
        Set<String> heldGroups = new HashSet<>();
        Set<String> seen = new HashSet<>();
        long deadline = System.nanoTime() + visitLimit.toNanos();
        try {
            for (boolean first = true; ; first = false) {
                if (!first && System.nanoTime() - deadline >= 0) {
                    return false;
                }
                List<Message> batch = sqs.receiveMessage(ReceiveMessageRequest.builder()
                        .queueUrl(deadLetterUrl.get())
                        .maxNumberOfMessages(10)
                        .visibilityTimeout(holdSeconds)
                        .waitTimeSeconds(0)
                        .messageAttributeNames("All")
                        .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                        .build()).messages();
                if (batch.isEmpty()) {
                    return true;
                }
                boolean repeated = false;
                for (int i = 0; i < batch.size(); i++) {
                    Message message = batch.get(i);
                    String group = message.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID);
                    repeated |= !seen.add(message.messageId());
                    // behind a dead letter left in place, the rest of its group stays too: the group's order is kept
                    Outcome outcome = group != null && heldGroups.contains(group) ? Outcome.LEFT : visitor.apply(message);
                    if (outcome == Outcome.TAKEN_LAST) {
                        batch.subList(i + 1, batch.size()).forEach(rest -> held.put(rest.messageId(), rest));
                        return true;
                    }
                    if (outcome != Outcome.TAKEN) {
                        held.put(message.messageId(), message);
                    }
                    if (outcome == Outcome.LEFT && group != null) {
                        heldGroups.add(group);
                    }
                }
                if (repeated) {
                    // a held message came round again: everything there is has been seen
                    return true;
                }
            }
        } finally {
            for (Message message : held.values()) {
                try {
                    release(message);
                } catch (SdkException stale) {
                    // it becomes visible again when its hold runs out anyway
                    LOG.debug("Could not release dead letter {}", message.messageId(), stale);
                }
            }
        }
    }

    /**
     * What a look-up of one event's dead letter found: the dead letter, kept invisible to others while the
     * caller decides ({@link #delete} it or {@link #release} it); or, when it found none, how many dead
     * letters of each message group it received meanwhile (all released again), and whether it stopped
     * at its time limit.
     */
    public record Lookup(Optional<Message> deadLetter, Map<String, Integer> seenByGroup, boolean complete) {

        /**
         * How many dead letters of {@code group} the look-up received. SQS hands out the dead letters of a
         * FIFO group in order, at most ten at a time, and none while earlier ones are held: one it did not
         * find, of a group it saw, may be behind those.
         */
        public int seenOf(String group) {
            return group == null ? 0 : seenByGroup.getOrDefault(group, 0);
        }

        /**
         * When the look-up did not find the event's dead letter though its {@code status} says it is dead-lettered,
         * in a group the look-up saw dead letters of: that its dead letter is behind those.
         */
        public Optional<BehindItsGroup> behind(Optional<EventStatus> status) {
            return status.filter(known -> deadLetter.isEmpty() && EventStatus.DEAD_LETTERED.equals(known.status()) && seenOf(known.groupId()) > 0)
                    .map(known -> new BehindItsGroup(known.groupId(), seenOf(known.groupId())));
        }
    }

    /** A dead letter the queue cannot hand out now: {@code earlier} dead letters of its group come first. */
    public record BehindItsGroup(String group, int earlier) {

        public String sentence() {
            return "It is behind " + earlier + " earlier dead letters of group '" + group + "', and the dead-letter queue hands out"
                    + " a group's dead letters in order, at most ten at a time: replay those first.";
        }
    }

    /** Looks for the dead letter of an event, stopping once found; see {@link Lookup}. */
    public Lookup find(String eventId) {
        List<Message> found = new ArrayList<>();
        Map<String, Integer> seenByGroup = new HashMap<>();
        boolean complete = visit(message -> {
            if (eventId.equals(attribute(message, EventAttributes.EVENT_ID))) {
                found.add(message);
                return Outcome.TAKEN_LAST;
            }
            String group = message.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID);
            if (group != null) {
                seenByGroup.merge(group, 1, Integer::sum);
            }
            return Outcome.PASSED;
        });
        return new Lookup(found.stream().findFirst(), Map.copyOf(seenByGroup), complete);
    }

    /** Keeps a taken dead letter invisible to others for {@code hold} from now: a direct replay's whole run. */
    public void hold(Message deadLetter, Duration hold) {
        sqs.changeMessageVisibility(ChangeMessageVisibilityRequest.builder()
                .queueUrl(deadLetterUrl.get()).receiptHandle(deadLetter.receiptHandle())
                .visibilityTimeout((int) Math.min(MAX_VISIBILITY_SECONDS, hold.toSeconds())).build());
    }

    /**
     * Puts the event back on the main queue, in its own message group, with its event attributes, its trace and
     * a replay count (without the dead-letter reason). The dead letter stays: the caller deletes it
     * ({@link #delete}) once this returned, that is once the main queue confirmed the write.
     */
    public void sendToQueue(Message deadLetter, int replayCount) {
        Map<String, MessageAttributeValue> attributes = new HashMap<>();
        for (String name : EventAttributes.EVENT_METADATA) {
            MessageAttributeValue value = deadLetter.messageAttributes().get(name);
            if (value != null) {
                attributes.put(name, value);
            }
        }
        attributes.put(EventAttributes.REPLAY_COUNT, MessageAttributeValue.builder().dataType("String").stringValue(String.valueOf(replayCount)).build());
        String eventId = attribute(deadLetter, EventAttributes.EVENT_ID);
        sqs.sendMessage(SendMessageRequest.builder()
                .queueUrl(queueUrl.get())
                .messageBody(deadLetter.body())
                .messageAttributes(attributes)
                .messageSystemAttributesWithStrings(trace(deadLetter).map(TraceHeader::systemAttributes).orElse(Map.of()))
                .messageGroupId(deadLetter.attributes().getOrDefault(MessageSystemAttributeName.MESSAGE_GROUP_ID, "replay:" + eventId))
                // the original's deduplication id would make the queue drop the replay within five minutes
                .messageDeduplicationId("replay:" + (eventId != null ? eventId : deadLetter.messageId()) + ":" + replayCount)
                .build());
    }

    public void delete(Message deadLetter) {
        sqs.deleteMessage(DeleteMessageRequest.builder().queueUrl(deadLetterUrl.get()).receiptHandle(deadLetter.receiptHandle()).build());
    }

    /** The pointer to the body a dead letter had stored aside, if it has one. */
    public Optional<PayloadPointer> storedBody(Message deadLetter) {
        return PayloadPointer.inMessage(deadLetter.body(), attribute(deadLetter, PayloadPointer.SIZE_ATTRIBUTE));
    }

    /** The event a dead letter is, as its log lines name it. */
    public static LoggedEvent loggedEvent(Message deadLetter) {
        return new LoggedEvent(attribute(deadLetter, EventAttributes.EVENT_ID), attribute(deadLetter, EventAttributes.PROVIDER),
                attribute(deadLetter, EventAttributes.DELIVERY_ID), deadLetter.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID),
                trace(deadLetter).map(TraceHeader::traceId).orElse(null));
    }

    /** The trace the dead letter carries, if any. */
    public static Optional<TraceHeader> trace(Message deadLetter) {
        return TraceHeader.ofSystemAttributes(deadLetter.attributesAsStrings());
    }

    public static String attribute(Message message, String name) {
        MessageAttributeValue value = message.messageAttributes().get(name);
        return value == null ? null : value.stringValue();
    }

    public void release(Message message) {
        sqs.changeMessageVisibility(ChangeMessageVisibilityRequest.builder()
                .queueUrl(deadLetterUrl.get()).receiptHandle(message.receiptHandle()).visibilityTimeout(0).build());
    }
}
