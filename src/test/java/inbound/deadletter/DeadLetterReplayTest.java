package inbound.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import inbound.queue.EventAttributes;
import inbound.store.Database;
import inbound.store.EventStatus;
import inbound.testing.RecordedMetrics;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageRequest;
import software.amazon.awssdk.services.sqs.model.SqsException;
import inbound.store.EventStore;
import inbound.store.SchemaMigrations;
import inbound.support.Flush;
import inbound.support.PipelineMetrics;
import inbound.testing.QueueReader;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Filtered replay on the real embedded queue: a group's order is kept behind a dead letter that stays.
 * One embedded server for the class (ElasticMQ keeps one database per JVM); each test empties both queues.
 */
class DeadLetterReplayTest {

    @TempDir
    static Path dir;

    private static EmbeddedDeadLetterQueue queue;
    private static int port;
    private HikariDataSource dataSource;

    @BeforeAll
    static void startQueue() {
        queue = EmbeddedDeadLetterQueue.start(dir);
        port = queue.port();
    }

    @AfterAll
    static void stopQueue() {
        queue.close();
    }

    @BeforeEach
    void createDatabase() throws Exception {
        dataSource = Database.pool("jdbc:h2:mem:replay-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "", Duration.ofSeconds(2), 4);
        SchemaMigrations.apply(dataSource);
    }

    @AfterEach
    void emptyEverything() {
        dataSource.close();
        queue.empty();
    }

    private void deadLetter(String group, String eventId, String errorCode) {
        queue.deadLetter(group, eventId, errorCode);
    }

    private ReplayResult replay(ReplayFilter filter) throws Exception {
        return replay(filter, Duration.ofSeconds(30));
    }

    private ReplayResult replay(ReplayFilter filter, Duration visitLimit) throws Exception {
        DeadLetterReplay replay = new DeadLetterReplay(new DeadLetterQueue(queue.sqs(), EmbeddedDeadLetterQueue.QUEUES, visitLimit), new EventStore(dataSource), Clock.systemUTC(),
                Flush.NONE, PipelineMetrics.NONE);
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getMessage().setBody(filter);
        replay.process(exchange);
        return exchange.getMessage().getBody(ReplayResult.class);
    }

    @Test
    void shouldStopWithinAGroupAtTheFirstDeadLetterThatStays() throws Exception {
        deadLetter("shopify:a", "a1", "schema_violation");
        deadLetter("shopify:a", "a2", "unreadable_payload");
        deadLetter("shopify:a", "a3", "schema_violation");
        deadLetter("shopify:b", "b1", "schema_violation");

        ReplayResult dryRun = replay(new ReplayFilter(null, null, null, "schema_violation", false, true));
        ReplayResult result = replay(new ReplayFilter(null, null, null, "schema_violation", false, false));

        // a3 matches but waits behind a2, which stays: moving it would put it before a2
        assertThat(dryRun.matched()).isEqualTo(2);
        assertThat(result.moved()).isEqualTo(2);
        try (QueueReader main = new QueueReader(port, "webhook-events.fifo"); QueueReader dead = new QueueReader(port, "webhook-events-dlq.fifo")) {
            assertThat(main.drain()).extracting(message -> QueueReader.attribute(message, EventAttributes.EVENT_ID)).containsExactlyInAnyOrder("a1", "b1");
            assertThat(dead.drain()).extracting(message -> QueueReader.attribute(message, EventAttributes.EVENT_ID)).containsExactly("a2", "a3");
        }
    }

    @Test
    void shouldReplayEverythingMatchingWhenNothingStaysInTheWay() throws Exception {
        // event ids of their own: the queue deduplicates replays of one event for five minutes
        deadLetter("shopify:x", "x1", "schema_violation");
        deadLetter("shopify:x", "x2", "schema_violation");

        ReplayResult result = replay(new ReplayFilter(Set.of(), null, null, null, true, false));

        assertThat(result.matched()).isEqualTo(2);
        assertThat(result.moved()).isEqualTo(2);
    }

    @Test
    void shouldSayThatMoreRemainWhenAReplayStopsAtItsTimeLimit() throws Exception {
        for (int i = 0; i < 25; i++) {
            deadLetter("shopify:limit-" + i, "limit-" + i, "schema_violation");
        }
        ReplayFilter all = new ReplayFilter(Set.of(), null, null, null, true, false);

        // one receive at least, then the limit has passed
        ReplayResult first = replay(all, Duration.ofMillis(1));

        assertThat(first.complete()).isFalse();
        assertThat(first.moved()).isBetween(1, 24);
        int moved = first.moved();
        ReplayResult last = first;
        for (int run = 0; run < 25 && !last.complete(); run++) {
            last = replay(all, Duration.ofMillis(1));
            moved += last.moved();
        }
        assertThat(last.complete()).as("run again, a replay ends complete").isTrue();
        assertThat(moved).isEqualTo(25);
        try (QueueReader dead = new QueueReader(port, "webhook-events-dlq.fifo")) {
            assertThat(dead.drain()).isEmpty();
        }
    }

    @Test
    void shouldCountAMoveWhoseDeadLetterCouldNotBeDeletedAsMovedAndLeaveItsStatusReplayed() throws Exception {
        deadLetter("shopify:undeleted", "undeleted-1", "schema_violation");
        EventStore store = new EventStore(dataSource);
        store.saveStatus(EventStatus.of("undeleted-1", "shopify", "orders/create").groupId("shopify:undeleted").receivedAt(Instant.now())
                .receiveCount(5).deadLettered("schema_violation", "total_price is missing", "validate", Instant.now()));
        List<DeleteMessageRequest> refused = new CopyOnWriteArrayList<>();
        SqsClient deletesRefused = (SqsClient) Proxy.newProxyInstance(SqsClient.class.getClassLoader(), new Class<?>[] {SqsClient.class},
                (proxy, method, arguments) -> {
                    if (method.getName().equals("deleteMessage")) {
                        refused.add((DeleteMessageRequest) arguments[0]);
                        throw SqsException.builder().message("the dead-letter queue refused the delete").build();
                    }
                    try {
                        return method.invoke(queue.sqs(), arguments);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        RecordedMetrics metrics = new RecordedMetrics();
        DeadLetterReplay replay = new DeadLetterReplay(new DeadLetterQueue(deletesRefused, EmbeddedDeadLetterQueue.QUEUES, Duration.ofSeconds(30)),
                store, Clock.systemUTC(), Flush.NONE, metrics);
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getMessage().setBody(new ReplayFilter(Set.of("undeleted-1"), null, null, null, false, false));

        assertThatThrownBy(() -> replay.process(exchange)).isInstanceOf(SqsException.class);

        // the main queue has it, so the worker takes it: it moved, and a later replay of the copy left behind is a duplicate
        try (QueueReader main = new QueueReader(port, "webhook-events.fifo")) {
            assertThat(main.drain()).extracting(message -> QueueReader.attribute(message, EventAttributes.EVENT_ID)).containsExactly("undeleted-1");
        }
        assertThat(metrics.replays()).containsExactly(new RecordedMetrics.Replay(DeadLetterReplay.MODE, "moved"));
        assertThat(store.status("undeleted-1")).get().extracting(EventStatus::status).isEqualTo(EventStatus.REPLAYED);
        assertThat(refused).singleElement().satisfies(delete -> queue.sqs().deleteMessage(delete));
    }
}
