package inbound.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import inbound.support.Flush;
import inbound.support.FlushFailed;
import inbound.testing.RecordedMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.GetQueueUrlRequest;
import software.amazon.awssdk.services.sqs.model.GetQueueUrlResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResultEntry;

/** The rules of group commit, against a queue whose answers the test decides. */
class BatchingQueueWriterTest {

    /**
     * Long enough that writes made one after another on a loaded machine still fall within one
     * linger: these tests are about what a batch holds, not how soon it goes.
     */
    private static final Duration SHARED_LINGER = Duration.ofSeconds(2);

    private static final Duration MAX_WAIT = Duration.ofSeconds(1);

    private final List<SendMessageBatchRequest> batches = new CopyOnWriteArrayList<>();
    /** What happened, in order: "batch" when the queue answered, "flush" when the writer made it durable. */
    private final List<String> steps = new CopyOnWriteArrayList<>();
    private Flush flush = () -> steps.add("flush");
    /** The writer's clock for how long a request waited: moved by the test alone. */
    private final AtomicLong nanoTime = new AtomicLong();
    private final RecordedMetrics metrics = new RecordedMetrics();
    private BatchingQueueWriter writer;

    /** An SQS client that records every batch and answers as {@code answer} says. */
    private SqsClient queue(Function<SendMessageBatchRequest, SendMessageBatchResponse> answer) {
        return new SqsClient() {
            @Override
            public GetQueueUrlResponse getQueueUrl(GetQueueUrlRequest request) {
                return GetQueueUrlResponse.builder().queueUrl("http://queue/webhook-events.fifo").build();
            }

            @Override
            public SendMessageBatchResponse sendMessageBatch(SendMessageBatchRequest request) {
                batches.add(request);
                SendMessageBatchResponse response = answer.apply(request);
                steps.add("batch");
                return response;
            }

            @Override
            public String serviceName() {
                return "sqs";
            }

            @Override
            public void close() {
            }
        };
    }

    private static SendMessageBatchResponse allSucceed(SendMessageBatchRequest request) {
        return SendMessageBatchResponse.builder().successful(request.entries().stream()
                .map(entry -> SendMessageBatchResultEntry.builder().id(entry.id()).messageId("m-" + entry.id()).build()).toList()).build();
    }

    private void start(SqsClient sqs, Duration linger) {
        start(sqs, linger, 1);
    }

    private void start(SqsClient sqs, Duration linger, int senders) {
        writer = new BatchingQueueWriter(sqs, flush, "webhook-events.fifo",
                new GroupCommitSettings(linger, 1_048_576, senders, MAX_WAIT), metrics, nanoTime::get);
        writer.start();
    }

    @AfterEach
    void stop() {
        writer.stop();
    }

    private static Exchange event(String group, String id) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getMessage().setBody("{\"id\": \"" + id + "\"}");
        exchange.getMessage().setHeader(EventAttributes.EVENT_ID, id);
        exchange.setProperty(EventAttributes.GROUP_ID_PROPERTY, group);
        exchange.setProperty(EventAttributes.DEDUPLICATION_ID_PROPERTY, id);
        return exchange;
    }

    /** Hands the event to the writer; the latch opens when the writer answers it. */
    private CountDownLatch write(Exchange exchange) {
        CountDownLatch answered = new CountDownLatch(1);
        writer.process(exchange, doneSync -> answered.countDown());
        return answered;
    }

    /** Writes the events together, then waits until each has its answer. */
    private void writeAndAwaitAnswers(Exchange... exchanges) throws InterruptedException {
        List<CountDownLatch> answers = Arrays.stream(exchanges).map(this::write).toList();
        for (CountDownLatch answer : answers) {
            assertThat(answer.await(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void shouldShareOneBatchAndKeepArrivalOrderWithinAGroup() throws Exception {
        start(queue(BatchingQueueWriterTest::allSucceed), SHARED_LINGER);

        List<CountDownLatch> answers = List.of(write(event("a", "a1")), write(event("b", "b1")), write(event("a", "a2")), write(event("a", "a3")));
        for (CountDownLatch answer : answers) {
            assertThat(answer.await(10, TimeUnit.SECONDS)).isTrue();
        }

        assertThat(batches).hasSize(1);
        assertThat(batches.get(0).entries()).extracting(SendMessageBatchRequestEntry::messageDeduplicationId).containsExactly("a1", "b1", "a2", "a3");
        assertThat(batches.get(0).entries()).extracting(SendMessageBatchRequestEntry::messageGroupId).containsExactly("a", "b", "a", "a");
        assertThat(batches.get(0).entries().get(0).messageAttributes().get(EventAttributes.EVENT_ID).stringValue()).isEqualTo("a1");
    }

    @Test
    void shouldSendAtMostTenEntriesABatch() throws Exception {
        start(queue(BatchingQueueWriterTest::allSucceed), SHARED_LINGER);

        List<CountDownLatch> answers = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            answers.add(write(event("g" + i, "e" + i)));
        }
        for (CountDownLatch answer : answers) {
            assertThat(answer.await(10, TimeUnit.SECONDS)).isTrue();
        }

        assertThat(batches).extracting(batch -> batch.entries().size()).containsExactly(10, 10, 3);
        assertThat(metrics.sendBatches()).containsExactly(10, 10, 3);
    }

    @Test
    void shouldFailOnlyTheRequestWhoseEntryFailed() throws Exception {
        start(queue(request -> SendMessageBatchResponse.builder()
                .successful(SendMessageBatchResultEntry.builder().id("0").messageId("m0").build(),
                        SendMessageBatchResultEntry.builder().id("2").messageId("m2").build())
                .failed(BatchResultErrorEntry.builder().id("1").code("InternalError").senderFault(false).message("try again").build())
                .build()), Duration.ofMillis(200));
        Exchange first = event("a", "1");
        Exchange second = event("b", "2");
        Exchange third = event("c", "3");

        writeAndAwaitAnswers(first, second, third);

        assertThat(first.getException()).isNull();
        assertThat(second.getException()).isInstanceOf(QueueWriteRejected.class).hasMessageContaining("InternalError");
        assertThat(third.getException()).isNull();
    }

    @Test
    void shouldFailTheRequestWhoseEntryTheQueueNeitherConfirmedNorRefused() throws Exception {
        start(queue(request -> SendMessageBatchResponse.builder()
                .successful(SendMessageBatchResultEntry.builder().id("0").messageId("m0").build())
                .build()), Duration.ofMillis(200));
        Exchange confirmed = event("a", "1");
        Exchange unanswered = event("b", "2");

        writeAndAwaitAnswers(confirmed, unanswered);

        assertThat(confirmed.getException()).isNull();
        assertThat(unanswered.getException()).isInstanceOf(QueueWriteRejected.class).hasMessageContaining("did not confirm");
    }

    @Test
    void shouldFailEveryRequestOfABatchTheQueueAnsweredWithNothing() throws Exception {
        start(queue(request -> SendMessageBatchResponse.builder().build()), Duration.ofMillis(200));
        Exchange first = event("a", "1");
        Exchange second = event("b", "2");

        writeAndAwaitAnswers(first, second);

        assertThat(first.getException()).isInstanceOf(QueueWriteRejected.class);
        assertThat(second.getException()).isInstanceOf(QueueWriteRejected.class);
    }

    @Test
    void shouldAnswerNoRequestBeforeTheQueueAnswered() throws Exception {
        CountDownLatch queueMayAnswer = new CountDownLatch(1);
        AtomicBoolean queueCalled = new AtomicBoolean();
        start(queue(request -> {
            queueCalled.set(true);
            try {
                queueMayAnswer.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return allSucceed(request);
        }), Duration.ofMillis(1));

        CountDownLatch answered = write(event("a", "1"));
        await().atMost(Duration.ofSeconds(10)).untilTrue(queueCalled);

        assertThat(answered.getCount()).isEqualTo(1);
        queueMayAnswer.countDown();
        assertThat(answered.await(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void shouldMakeEachBatchDurableBeforeAnsweringAnyOfItsRequests() throws Exception {
        CountDownLatch flushMayFinish = new CountDownLatch(1);
        AtomicBoolean flushStarted = new AtomicBoolean();
        flush = () -> {
            flushStarted.set(true);
            try {
                flushMayFinish.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            steps.add("flush");
        };
        start(queue(BatchingQueueWriterTest::allSucceed), Duration.ofMillis(50));

        List<CountDownLatch> answers = List.of(write(event("a", "1")), write(event("b", "2")));
        await().atMost(Duration.ofSeconds(10)).untilTrue(flushStarted);

        assertThat(answers).allSatisfy(answer -> assertThat(answer.getCount()).isEqualTo(1));
        flushMayFinish.countDown();
        for (CountDownLatch answer : answers) {
            assertThat(answer.await(10, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(steps).containsExactly("batch", "flush");
    }

    @Test
    void shouldFailEveryRequestOfABatchThatCouldNotBeMadeDurable() throws Exception {
        flush = () -> {
            throw new FlushFailed("Could not write the embedded queue's commits to its file: disk full", null);
        };
        start(queue(BatchingQueueWriterTest::allSucceed), Duration.ofMillis(50));
        Exchange first = event("a", "1");
        Exchange second = event("b", "2");

        writeAndAwaitAnswers(first, second);

        assertThat(first.getException()).isInstanceOf(QueueWriteRejected.class);
        assertThat(second.getException()).isInstanceOf(QueueWriteRejected.class);
    }

    @Test
    void shouldNotFlushWhenTheQueueTookNoEntry() throws Exception {
        start(queue(request -> SendMessageBatchResponse.builder()
                .failed(BatchResultErrorEntry.builder().id("0").code("InternalError").senderFault(false).message("try again").build())
                .build()), Duration.ofMillis(1));

        assertThat(write(event("a", "1")).await(10, TimeUnit.SECONDS)).isTrue();

        assertThat(steps).containsExactly("batch");
    }

    @Test
    void shouldSendEveryEntryOfAGroupThroughOneSender() throws Exception {
        Map<String, Set<Long>> sendersByGroup = new ConcurrentHashMap<>();
        start(queue(request -> {
            request.entries().forEach(entry -> sendersByGroup.computeIfAbsent(entry.messageGroupId(), group -> ConcurrentHashMap.newKeySet())
                    .add(Thread.currentThread().getId()));
            return allSucceed(request);
        }), Duration.ofMillis(1), 4);

        List<CountDownLatch> answers = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            answers.add(write(event("g" + (i % 7), "e" + i)));
        }
        for (CountDownLatch answer : answers) {
            assertThat(answer.await(10, TimeUnit.SECONDS)).isTrue();
        }

        assertThat(sendersByGroup).hasSize(7).allSatisfy((group, senders) -> assertThat(senders).hasSize(1));
        List<String> groupA = batches.stream().flatMap(batch -> batch.entries().stream())
                .filter(entry -> entry.messageGroupId().equals("g0")).map(SendMessageBatchRequestEntry::messageDeduplicationId).toList();
        assertThat(groupA).isSortedAccordingTo(Comparator.comparingInt(id -> Integer.parseInt(id.substring(1))));
    }

    @Test
    void shouldRefuseAtOnceWhenTooManyRequestsWaitForTheQueue() throws Exception {
        CountDownLatch queueMayAnswer = startWithAStalledQueue();
        // the first in flight (the queue does not answer), a thousand waiting: then there is no room
        for (int i = 0; i < 1001; i++) {
            write(event("g", "e" + i));
            if (i == 0) {
                await().atMost(Duration.ofSeconds(10)).until(() -> !batches.isEmpty());
            }
        }
        Exchange refused = event("g", "one-too-many");

        assertThat(write(refused).await(1, TimeUnit.SECONDS)).isTrue();
        assertThat(refused.getException()).isInstanceOf(Overloaded.class);
        queueMayAnswer.countDown();
    }

    /** A queue that takes the first batch and answers it only when the returned latch opens. */
    private CountDownLatch startWithAStalledQueue() {
        CountDownLatch queueMayAnswer = new CountDownLatch(1);
        start(queue(request -> {
            try {
                queueMayAnswer.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return allSucceed(request);
        }), Duration.ofMillis(1));
        return queueMayAnswer;
    }

    @Test
    void shouldRefuseAtOnceWhileTheOldestWaitingRequestHasWaitedLongerThanAllowed() throws Exception {
        CountDownLatch queueMayAnswer = startWithAStalledQueue();
        CountDownLatch inFlight = write(event("g", "in-flight"));
        await().atMost(Duration.ofSeconds(10)).until(() -> !batches.isEmpty());
        Exchange waiting = event("g", "waiting");
        CountDownLatch waitingAnswer = write(waiting);
        nanoTime.addAndGet(MAX_WAIT.toNanos());
        Exchange justInTime = event("g", "just-in-time");
        CountDownLatch justInTimeAnswer = write(justInTime);

        nanoTime.addAndGet(1);
        Exchange refused = event("g", "refused");

        assertThat(write(refused).await(1, TimeUnit.SECONDS)).isTrue();
        assertThat(refused.getException()).isInstanceOf(Overloaded.class);
        assertThat(waitingAnswer.getCount()).as("still waiting for the queue").isOne();
        assertThat(justInTimeAnswer.getCount()).as("still waiting for the queue").isOne();
        queueMayAnswer.countDown();
        assertThat(inFlight.await(10, TimeUnit.SECONDS)).isTrue();
        for (CountDownLatch answer : List.of(waitingAnswer, justInTimeAnswer)) {
            assertThat(answer.await(10, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(waiting.getException()).as("waited too long: refused, not sent").isInstanceOf(Overloaded.class);
        assertThat(justInTime.getException()).isNull();
        assertThat(batches).extracting(batch -> batch.entries().stream().map(SendMessageBatchRequestEntry::messageDeduplicationId).toList())
                .containsExactly(List.of("in-flight"), List.of("just-in-time"));
    }

    @Test
    void shouldTakeRequestsAgainOnceTheQueueCaughtUp() throws Exception {
        CountDownLatch queueMayAnswer = startWithAStalledQueue();
        write(event("g", "in-flight"));
        await().atMost(Duration.ofSeconds(10)).until(() -> !batches.isEmpty());
        Exchange stale = event("g", "stale");
        CountDownLatch staleAnswer = write(stale);
        nanoTime.addAndGet(MAX_WAIT.toNanos() + 1);
        queueMayAnswer.countDown();
        assertThat(staleAnswer.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(stale.getException()).isInstanceOf(Overloaded.class);

        Exchange later = event("g", "later");
        assertThat(write(later).await(10, TimeUnit.SECONDS)).isTrue();

        assertThat(later.getException()).isNull();
        assertThat(batches).extracting(batch -> batch.entries().get(0).messageDeduplicationId()).containsExactly("in-flight", "later");
    }

    @Test
    void shouldAnswerARequestWhoseBatchWasStillCollectingWhenInboundStopped() throws Exception {
        start(queue(BatchingQueueWriterTest::allSucceed), Duration.ofSeconds(30));
        Exchange collecting = event("g", "collecting");
        CountDownLatch answer = write(collecting);

        writer.stop();

        assertThat(answer.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(collecting.getException()).isInstanceOf(QueueWriteRejected.class).hasMessage("Inbound is stopping.");
        assertThat(batches).isEmpty();
    }

    @Test
    void shouldFailEveryRequestOfABatchTheQueueNeverAnswered() throws Exception {
        start(queue(request -> {
            throw SdkClientException.create("Unable to execute HTTP request: Connection refused");
        }), Duration.ofMillis(50));
        Exchange first = event("a", "1");
        Exchange second = event("b", "2");

        writeAndAwaitAnswers(first, second);

        assertThat(first.getException()).isInstanceOf(SdkClientException.class);
        assertThat(second.getException()).isInstanceOf(SdkClientException.class);
    }
    @Test
    void shouldAnswerTheBatchOfASendThatThrewAnErrorAndKeepSending() throws Exception {
        AtomicBoolean thrown = new AtomicBoolean();
        start(queue(request -> {
            if (thrown.compareAndSet(false, true)) {
                throw new StackOverflowError();
            }
            return allSucceed(request);
        }), Duration.ofMillis(1));
        Exchange unlucky = event("g", "unlucky");

        assertThat(write(unlucky).await(10, TimeUnit.SECONDS)).as("the request of the failed batch is answered").isTrue();
        assertThat(unlucky.getException()).isInstanceOf(QueueWriteRejected.class);

        Exchange later = event("g", "later");
        assertThat(write(later).await(10, TimeUnit.SECONDS)).as("the same sender still sends").isTrue();
        assertThat(later.getException()).isNull();
        assertThat(batches).extracting(batch -> batch.entries().get(0).messageDeduplicationId()).containsExactly("unlucky", "later");
    }

    @Test
    void shouldAnswerEveryRequestOnceWhenAnsweringOneOfThemThrewAnError() throws Exception {
        start(queue(BatchingQueueWriterTest::allSucceed), Duration.ofMillis(200));
        Exchange first = event("a", "1");
        Exchange second = event("b", "2");
        List<Integer> answersOfFirst = new CopyOnWriteArrayList<>();
        CountDownLatch firstAnswered = new CountDownLatch(1);
        writer.process(first, doneSync -> {
            answersOfFirst.add(1);
            firstAnswered.countDown();
            // the rest of the ingest route runs in the callback, on the sender's thread
            throw new AssertionError("a bug after the queue's answer");
        });
        CountDownLatch secondAnswered = write(second);

        assertThat(firstAnswered.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(secondAnswered.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(second.getException()).isNull();
        Exchange later = event("a", "3");
        assertThat(write(later).await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(answersOfFirst).as("answered once, not again as failed").hasSize(1);
        assertThat(first.getException()).isNull();
    }
}
