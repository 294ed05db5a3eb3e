package inbound.embedded;

import inbound.queue.QueueWriteRejected;
import inbound.queue.QueueSettings;
import inbound.queue.QueueBacklog;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The embedded queue's backlog counted in tables shaped as ElasticMQ 1.7.1 keeps them, on a clock the test moves. */
class EmbeddedQueueBacklogTest {

    private static final QueueSettings QUEUES = new QueueSettings("events.fifo", "events-dlq.fifo", 5);
    /** Scans only when the test asks: the service, which scans on its own, is not started. */
    private static final Duration REFRESH = Duration.ofSeconds(5);

    private final JdbcDataSource database = new JdbcDataSource();
    private final AtomicLong epochMillis = new AtomicLong(1_800_000_000_000L);
    private EmbeddedQueueBacklog backlog;
    private Connection keepOpen;

    @BeforeEach
    void createTheQueuesTables() throws SQLException {
        database.setURL("jdbc:h2:mem:backlog-" + UUID.randomUUID());
        keepOpen = database.getConnection();
        for (String queue : new String[] {QUEUES.queueName(), QUEUES.deadLetterQueueName()}) {
            keepOpen.createStatement().execute("CREATE TABLE " + ElasticMqMessageTable.of(queue) + " (message_id VARCHAR UNIQUE, content BLOB, created BIGINT)");
        }
        backlog = new EmbeddedQueueBacklog(database, QUEUES, REFRESH, epochMillis::get);
    }

    @Test
    void shouldCountTheMessagesAndBodiesOfBothQueues() throws SQLException {
        insert(QUEUES.queueName(), 100, minutesAgo(60));
        insert(QUEUES.queueName(), 200, minutesAgo(60));
        insert(QUEUES.deadLetterQueueName(), 50, minutesAgo(60));

        assertThat(backlog.held()).isEqualTo(new QueueBacklog.Held(3, 350));
    }

    @Test
    void shouldAddASendAtOnceAndCountItOnlyOnceOnceItIsOnFile() throws SQLException {
        insert(QUEUES.queueName(), 100, minutesAgo(60));
        assertThat(backlog.held()).isEqualTo(new QueueBacklog.Held(1, 100));

        backlog.countSend(40);
        assertThat(backlog.held()).as("before the next scan").isEqualTo(new QueueBacklog.Held(2, 140));

        insert(QUEUES.queueName(), 40, epochMillis.get());
        backlog.rescan();
        assertThat(backlog.held()).as("after it").isEqualTo(new QueueBacklog.Held(2, 140));
    }

    @Test
    void shouldCountADeletedMessageForTheFiveMinutesOfTheQueuesDeduplicationHistory() throws SQLException {
        backlog.countSend(40);
        insert(QUEUES.queueName(), 40, epochMillis.get());
        assertThat(backlog.held()).isEqualTo(new QueueBacklog.Held(1, 40));

        keepOpen.createStatement().execute("DELETE FROM " + ElasticMqMessageTable.of(QUEUES.queueName()));
        epochMillis.addAndGet(Duration.ofMinutes(4).toMillis());
        backlog.rescan();
        assertThat(backlog.held()).as("deleted, still in the history").isEqualTo(new QueueBacklog.Held(1, 40));

        epochMillis.addAndGet(Duration.ofMinutes(1).toMillis());
        backlog.rescan();
        assertThat(backlog.held()).as("out of the history").isEqualTo(new QueueBacklog.Held(0, 0));
    }

    @Test
    void shouldSeeWhatOthersQueuedOrDeletedAtTheNextScan() throws SQLException {
        assertThat(backlog.held()).isEqualTo(new QueueBacklog.Held(0, 0));
        insert(QUEUES.queueName(), 100, minutesAgo(60));
        assertThat(backlog.held()).isEqualTo(new QueueBacklog.Held(0, 0));

        backlog.rescan();
        assertThat(backlog.held()).isEqualTo(new QueueBacklog.Held(1, 100));
    }

    @Test
    void shouldRefuseWhileTheFileCannotBeCounted() throws SQLException {
        keepOpen.createStatement().execute("DROP TABLE " + ElasticMqMessageTable.of(QUEUES.queueName()));
        keepOpen.createStatement().execute("CREATE VIEW " + ElasticMqMessageTable.of(QUEUES.queueName()) + " AS SELECT 1 AS one");

        assertThatThrownBy(backlog::held).isInstanceOf(QueueWriteRejected.class).hasMessageContaining("Could not count");
    }

    @Test
    void shouldCountNothingBeforeTheQueuesHaveTheirTables() throws SQLException {
        keepOpen.createStatement().execute("DROP TABLE " + ElasticMqMessageTable.of(QUEUES.deadLetterQueueName()));

        assertThat(backlog.held()).isEqualTo(new QueueBacklog.Held(0, 0));
    }

    private long minutesAgo(int minutes) {
        return epochMillis.get() - Duration.ofMinutes(minutes).toMillis();
    }

    private void insert(String queue, int bodyBytes, long created) throws SQLException {
        try (PreparedStatement insert = keepOpen.prepareStatement(
                "INSERT INTO " + ElasticMqMessageTable.of(queue) + " (message_id, content, created) VALUES (?, ?, ?)")) {
            insert.setString(1, UUID.randomUUID().toString());
            insert.setBytes(2, new byte[bodyBytes]);
            insert.setLong(3, created);
            insert.executeUpdate();
        }
    }
}
