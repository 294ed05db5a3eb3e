package inbound.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import inbound.secrets.SecretUnavailable;
import inbound.testing.SqsEventFixtures;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Which records of an SQS FIFO batch the worker function reports, over real event-source batches
 * (src/test/resources/events/). The batch of two groups: a1, b1, a2, b2, a3 — shopify:shop-a and
 * github:acme/widgets, interleaved as FIFO hands them out.
 */
class FifoBatchTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<QueuedMessage> twoGroups = SqsEventFixtures.records("sqs-fifo-two-groups.json");
    private final QueuedMessage a1 = twoGroups.get(0);
    private final QueuedMessage b1 = twoGroups.get(1);
    private final QueuedMessage a2 = twoGroups.get(2);
    private final QueuedMessage b2 = twoGroups.get(3);
    private final QueuedMessage a3 = twoGroups.get(4);

    private final Map<QueuedMessage, Exception> failures = new HashMap<>();
    private final List<QueuedMessage> ran = new ArrayList<>();
    private final List<QueuedMessage> heldBack = new ArrayList<>();

    /** Runs the batch as the worker function does, the records in {@link #failures} failing with their exception. */
    private List<String> run(List<QueuedMessage> batch) {
        return FifoBatch.run(batch, () -> false, this::work, heldBack::add);
    }

    /** A record whose body is not JSON is dead-lettered by the worker route, as the route does with a poison message. */
    private FifoBatch.Outcome work(QueuedMessage message, int index) throws Exception {
        ran.add(message);
        if (failures.containsKey(message)) {
            throw failures.get(message);
        }
        try {
            JSON.readTree(message.body());
            return FifoBatch.Outcome.PROCESSED;
        } catch (JsonProcessingException poison) {
            return FifoBatch.Outcome.PERMANENT_FAILURE;
        }
    }

    private static List<String> ids(QueuedMessage... messages) {
        return Stream.of(messages).map(QueuedMessage::messageId).toList();
    }

    @Test
    void shouldReportNothing_whenEveryRecordSucceeds() {
        assertThat(run(twoGroups)).isEmpty();
        assertThat(ran).containsExactlyElementsOf(twoGroups);
    }

    @Test
    void shouldReportTheFirstRecordAndTheRestOfItsGroup_whenTheFirstFails() {
        failures.put(a1, new IllegalStateException("the processing route's dependency did not answer"));

        assertThat(run(twoGroups)).containsExactlyElementsOf(ids(a1, a2, a3));
        assertThat(ran).containsExactly(a1, b1, b2);
        assertThat(heldBack).containsExactly(a2, a3);
    }

    @Test
    void shouldReportOnlyTheLaterRecordsOfTheFailedGroup_whenAMiddleRecordFails() {
        failures.put(a2, new IllegalStateException("the processing route's dependency did not answer"));

        assertThat(run(twoGroups)).containsExactlyElementsOf(ids(a2, a3));
        assertThat(ran).containsExactly(a1, b1, a2, b2);
    }

    @Test
    void shouldNotReportAPoisonRecordNorHoldBackItsGroup_whenItIsDeadLettered() {
        List<QueuedMessage> batch = SqsEventFixtures.records("sqs-fifo-poison-record.json");

        assertThat(run(batch)).isEmpty();
        assertThat(ran).containsExactlyElementsOf(batch);
    }

    @Test
    void shouldReportAPoisonRecord_whenItIsADirectReplay() {
        List<QueuedMessage> replay = SqsEventFixtures.records("sqs-fifo-direct-replay.json");

        assertThat(replay.get(0).directReplay()).isTrue();
        assertThat(run(replay)).containsExactlyElementsOf(ids(replay.get(0)));
    }

    @ParameterizedTest(name = "SQL state {0}")
    @ValueSource(strings = {"08001", "08003", "08004", "08006", "08S01"})
    void shouldReportTheRecordAndEveryOneAfterIt_whenTheDatabaseCannotBeReached(String sqlState) {
        failures.put(b1, new IllegalStateException("insert failed", new SQLException("connection failure", sqlState)));

        assertThat(run(twoGroups)).containsExactlyElementsOf(ids(b1, a2, b2, a3));
        assertThat(ran).containsExactly(a1, b1);
    }

    static Stream<Exception> unavailable() {
        return Stream.of(new SQLTransientConnectionException("pool - Connection is not available, request timed out after 5000ms."),
                new SecretUnavailable("The secret inbound/db-password could not be read.", null));
    }

    @ParameterizedTest
    @MethodSource("unavailable")
    void shouldReportTheRecordAndEveryOneAfterIt_whenThePoolOrASecretIsUnavailable(Exception failure) {
        failures.put(a1, failure);

        assertThat(run(twoGroups)).containsExactlyElementsOf(ids(a1, b1, a2, b2, a3));
        assertThat(ran).containsExactly(a1);
    }

    @ParameterizedTest(name = "SQL state {0}")
    @ValueSource(strings = {"40001", "40P01", "55P03", "57014", "23505"})
    void shouldHoldBackOnlyTheGroup_whenTheDatabaseFailsForThatEventAlone(String sqlState) {
        failures.put(a1, new SQLException("could not obtain lock on row", sqlState));

        assertThat(run(twoGroups)).containsExactlyElementsOf(ids(a1, a2, a3));
        assertThat(ran).containsExactly(a1, b1, b2);
    }

    @Test
    void shouldReportTheRecordsNotStarted_whenTheInvocationsTimeIsUp() {
        List<String> left = FifoBatch.run(twoGroups, () -> ran.size() >= 2, this::work, heldBack::add);

        assertThat(left).containsExactlyElementsOf(ids(a2, b2, a3));
        assertThat(ran).containsExactly(a1, b1);
        assertThat(heldBack).as("left for the time, not behind a failure").isEmpty();
    }
}
