package inbound.store;

import inbound.queue.QueuedEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * The processed events and every event's status, over JDBC. Recording a processed event is
 * idempotent: the event id is unique, and a second record of the same event changes nothing.
 */
public final class EventStore {

    /** SQLSTATE of a unique constraint violation, the same on H2 and PostgreSQL. */
    private static final String UNIQUE_VIOLATION = "23505";

    private final DataSource dataSource;
    private final StatusListener listener;

    public EventStore(DataSource dataSource) {
        this(dataSource, StatusListener.NONE);
    }

    public EventStore(DataSource dataSource, StatusListener listener) {
        this.dataSource = dataSource;
        this.listener = listener;
    }

    public boolean isProcessed(String eventId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement("SELECT 1 FROM processed_events WHERE event_id = ?")) {
            query.setString(1, eventId);
            try (ResultSet result = query.executeQuery()) {
                return result.next();
            }
        }
    }

    /**
     * Records the event as processed and its new status in one transaction (one commit per event).
     *
     * @return false when the event had been recorded before (nothing changed)
     */
    public boolean recordProcessed(QueuedEvent event, Instant processedAt, EventStatus status) throws SQLException {
        try {
            inTransaction(connection -> {
                insertProcessed(connection, event, processedAt);
                if (update(connection, status) == 0) {
                    insert(connection, status);
                }
                appendHistory(connection, status, false);
                return null;
            });
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                return false;
            }
            throw e;
        }
        listener.saved(status);
        return true;
    }

    private static void insertProcessed(Connection connection, QueuedEvent event, Instant processedAt) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO processed_events "
                + "(event_id, provider, topic, delivery_id, group_id, received_at, processed_at, payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, event.eventId());
            insert.setString(2, event.provider());
            insert.setString(3, event.topic());
            insert.setString(4, event.deliveryId());
            insert.setString(5, event.groupId());
            insert.setTimestamp(6, Timestamp.from(event.receivedAt()));
            insert.setTimestamp(7, Timestamp.from(processedAt));
            insert.setString(8, event.body());
            insert.executeUpdate();
        }
    }

    /** Writes the event's status, creating its row on first sight, and adds it to the event's timeline. */
    public void saveStatus(EventStatus status) throws SQLException {
        write(status, false);
        listener.saved(status);
    }

    /**
     * Writes a status that is no new state of the event (what a direct replay that failed learnt: its dead letter
     * stays where it was, with the new reason): the event's timeline shows it, and the listener is not told, as
     * nothing happened to the event that the console counts.
     */
    public void saveRestatedStatus(EventStatus status) throws SQLException {
        write(status, true);
    }

    /**
     * Writes a status whose change has yet to happen (a replay's, before its move back to the queue): the
     * listener hears of it once {@link #confirmStatus} says it happened, and {@link #withdrawStatus} takes it back.
     */
    public void saveProvisionalStatus(EventStatus status) throws SQLException {
        write(status, false);
    }

    /** The change of a provisional status happened: the listener is told now. */
    public void confirmStatus(EventStatus status) {
        listener.saved(status);
    }

    /**
     * The change of a provisional status did not happen (a replay whose move failed): the status saved before it
     * is back, and the event's timeline forgets the provisional one, so nothing counts it as having happened.
     */
    public void withdrawStatus(EventStatus provisional, EventStatus earlier) throws SQLException {
        inTransaction(connection -> {
            update(connection, earlier);
            try (PreparedStatement forget = connection.prepareStatement("DELETE FROM event_history WHERE seq = "
                    + "(SELECT MAX(seq) FROM event_history WHERE event_id = ?) AND status = ?")) {
                forget.setString(1, provisional.eventId());
                forget.setString(2, provisional.status());
                return forget.executeUpdate();
            }
        });
    }

    /** {@code restates}: the timeline's row restates the event's state, and is no transition to count. */
    private void write(EventStatus status, boolean restates) throws SQLException {
        inTransaction(connection -> {
            if (update(connection, status) == 0) {
                insertOrUpdate(connection, status);
            }
            appendHistory(connection, status, restates);
            return null;
        });
    }

    /** One unit of work on one connection, committed whole or rolled back. */
    private <T> T inTransaction(Work<T> work) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.on(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        }
    }

    @FunctionalInterface
    private interface Work<T> {
        T on(Connection connection) throws SQLException;
    }

    /** Another process may have created the row since the update found none. */
    private static void insertOrUpdate(Connection connection, EventStatus status) throws SQLException {
        Savepoint beforeInsert = connection.setSavepoint();
        try {
            insert(connection, status);
        } catch (SQLException e) {
            if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw e;
            }
            connection.rollback(beforeInsert);
            update(connection, status);
        }
    }

    public Optional<EventStatus> status(String eventId) throws SQLException {
        List<EventStatus> found = query("SELECT * FROM event_status WHERE event_id = ?", eventId);
        return found.stream().findFirst();
    }

    /** One page of the events in a status, newest change first. */
    public List<EventStatus> withStatus(String status, int offset, int limit) throws SQLException {
        return query("SELECT * FROM event_status WHERE status = ? ORDER BY updated_at DESC, event_id OFFSET "
                + Math.max(0, offset) + " ROWS FETCH NEXT " + Math.max(1, limit) + " ROWS ONLY", status);
    }

    public long countWithStatus(String status) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement("SELECT COUNT(*) FROM event_status WHERE status = ?")) {
            query.setString(1, status);
            try (ResultSet result = query.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }

    private static int update(Connection connection, EventStatus status) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE event_status SET provider = ?, topic = ?, group_id = ?, "
                + "received_at = ?, status = ?, error_code = ?, error_message = ?, failed_stage = ?, receive_count = ?, replay_count = ?, "
                + "updated_at = ?, delivery_id = COALESCE(?, delivery_id) WHERE event_id = ?")) {
            bind(update, status);
            update.setString(13, status.eventId());
            return update.executeUpdate();
        }
    }

    private static void insert(Connection connection, EventStatus status) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO event_status (provider, topic, group_id, received_at, "
                + "status, error_code, error_message, failed_stage, receive_count, replay_count, updated_at, delivery_id, event_id) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            bind(insert, status);
            insert.setString(13, status.eventId());
            insert.executeUpdate();
        }
    }

    private static void bind(PreparedStatement statement, EventStatus status) throws SQLException {
        statement.setString(1, status.provider());
        statement.setString(2, status.topic());
        statement.setString(3, status.groupId());
        statement.setTimestamp(4, status.receivedAt() == null ? null : Timestamp.from(status.receivedAt()));
        statement.setString(5, status.status());
        statement.setString(6, status.errorCode());
        statement.setString(7, status.errorMessage());
        statement.setString(8, status.failedStage());
        statement.setInt(9, status.receiveCount());
        statement.setInt(10, status.replayCount());
        statement.setTimestamp(11, Timestamp.from(status.updatedAt()));
        statement.setString(12, status.deliveryId());
    }

    private static void appendHistory(Connection connection, EventStatus status, boolean restates) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO event_history (event_id, status, error_code, error_message, "
                + "failed_stage, receive_count, replay_count, happened_at, restates) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, status.eventId());
            insert.setString(2, status.status());
            insert.setString(3, status.errorCode());
            insert.setString(4, status.errorMessage());
            insert.setString(5, status.failedStage());
            insert.setInt(6, status.receiveCount());
            insert.setInt(7, status.replayCount());
            insert.setTimestamp(8, Timestamp.from(status.updatedAt()));
            insert.setBoolean(9, restates);
            insert.executeUpdate();
        }
    }

    /** Every state the event entered, oldest first. */
    public List<EventTransition> timeline(String eventId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement("SELECT * FROM event_history WHERE event_id = ? ORDER BY seq")) {
            query.setString(1, eventId);
            try (ResultSet result = query.executeQuery()) {
                List<EventTransition> transitions = new ArrayList<>();
                while (result.next()) {
                    transitions.add(new EventTransition(result.getString("status"), result.getString("error_code"),
                            result.getString("error_message"), result.getString("failed_stage"), result.getInt("receive_count"),
                            result.getInt("replay_count"), result.getTimestamp("happened_at").toInstant()));
                }
                return transitions;
            }
        }
    }

    /**
     * How often events of each provider entered each of the given states since the instant (an event that
     * entered one twice counts twice; a restated status is no entry): {@code provider -> state -> count}.
     */
    public Map<String, Map<String, Long>> transitionsSince(Instant since, List<String> states) throws SQLException {
        Map<String, Map<String, Long>> counts = new TreeMap<>();
        countTransitions("SELECT s.provider, h.status, COUNT(*) FROM event_history h JOIN event_status s ON s.event_id = h.event_id"
                + " WHERE h.status IN (" + placeholders(states) + ") AND h.happened_at >= ? AND NOT h.restates GROUP BY s.provider, h.status", since, states,
                result -> counts.computeIfAbsent(result.getString(1), provider -> new TreeMap<>()).put(result.getString(2), result.getLong(3)));
        return counts;
    }

    /**
     * How often events entered each of the given states in each whole minute since the instant (a restated
     * status is no entry): {@code minute -> state -> count}, minutes without any left out.
     */
    public Map<Instant, Map<String, Long>> transitionsPerMinuteSince(Instant since, List<String> states) throws SQLException {
        Map<Instant, Map<String, Long>> counts = new TreeMap<>();
        String minute = "FLOOR(EXTRACT(EPOCH FROM happened_at) / 60)";
        countTransitions("SELECT " + minute + ", status, COUNT(*) FROM event_history WHERE status IN (" + placeholders(states)
                + ") AND happened_at >= ? AND NOT restates GROUP BY " + minute + ", status", since, states,
                result -> counts.computeIfAbsent(Instant.ofEpochSecond(result.getLong(1) * 60), any -> new TreeMap<>())
                        .put(result.getString(2), result.getLong(3)));
        return counts;
    }

    private void countTransitions(String sql, Instant since, List<String> states, RowReader row) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(sql)) {
            for (int i = 0; i < states.size(); i++) {
                query.setString(i + 1, states.get(i));
            }
            query.setTimestamp(states.size() + 1, Timestamp.from(since));
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    row.read(result);
                }
            }
        }
    }

    private interface RowReader {
        void read(ResultSet row) throws SQLException;
    }

    private static String placeholders(List<?> values) {
        return String.join(", ", Collections.nCopies(values.size(), "?"));
    }

    /**
     * Forgets up to {@code batchSize} of the events processed before the cutoff — their row, status and
     * timeline — in one short transaction, oldest first. Dead-lettered events are kept.
     *
     * @return how many were forgotten: fewer than the batch size when none older is left
     */
    public int purgeProcessedBefore(Instant cutoff, int batchSize) throws SQLException {
        return inTransaction(connection -> {
            List<String> eventIds = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement("SELECT event_id FROM event_status WHERE status = ? AND updated_at < ? "
                    + "ORDER BY updated_at FETCH FIRST " + Math.max(1, batchSize) + " ROWS ONLY")) {
                query.setString(1, EventStatus.PROCESSED);
                query.setTimestamp(2, Timestamp.from(cutoff));
                try (ResultSet result = query.executeQuery()) {
                    while (result.next()) {
                        eventIds.add(result.getString(1));
                    }
                }
            }
            if (!eventIds.isEmpty()) {
                String placeholders = placeholders(eventIds);
                for (String table : List.of("event_history", "processed_events", "event_status")) {
                    try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + table + " WHERE event_id IN (" + placeholders + ")")) {
                        for (int i = 0; i < eventIds.size(); i++) {
                            delete.setString(i + 1, eventIds.get(i));
                        }
                        delete.executeUpdate();
                    }
                }
            }
            return eventIds.size();
        });
    }

    /** The payload of a processed event, as it was received. */
    public Optional<String> processedPayload(String eventId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement("SELECT payload FROM processed_events WHERE event_id = ?")) {
            query.setString(1, eventId);
            try (ResultSet result = query.executeQuery()) {
                return result.next() ? Optional.of(result.getString(1)) : Optional.empty();
            }
        }
    }

    /** The events the query matches, newest received first: at most {@code limit} of them from {@code offset}. */
    public List<EventStatus> find(EventQuery search) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT * FROM event_status WHERE 1 = 1");
        List<Object> parameters = new ArrayList<>();
        criterion(sql, parameters, " AND provider = ?", search.provider());
        criterion(sql, parameters, " AND topic = ?", search.topic());
        criterion(sql, parameters, " AND status = ?", search.status());
        criterion(sql, parameters, " AND error_code = ?", search.errorCode());
        criterion(sql, parameters, " AND group_id = ?", search.groupId());
        if (search.id() != null) {
            sql.append(" AND (event_id = ? OR delivery_id = ?)");
            parameters.add(search.id());
            parameters.add(search.id());
        }
        criterion(sql, parameters, " AND received_at >= ?", search.receivedFrom() == null ? null : Timestamp.from(search.receivedFrom()));
        criterion(sql, parameters, " AND received_at < ?", search.receivedUntil() == null ? null : Timestamp.from(search.receivedUntil()));
        if (search.text() != null) {
            sql.append(" AND event_id IN (SELECT event_id FROM (SELECT event_id, payload FROM processed_events ORDER BY seq DESC FETCH FIRST ")
                    .append(EventQuery.TEXT_SEARCH_WINDOW).append(" ROWS ONLY) newest WHERE LOWER(payload) LIKE ? ESCAPE '!')");
            parameters.add("%" + likeEscaped(search.text().toLowerCase(Locale.ROOT)) + "%");
        }
        sql.append(" ORDER BY received_at DESC NULLS LAST, event_id DESC OFFSET ").append(Math.max(0, search.offset()))
                .append(" ROWS FETCH NEXT ").append(Math.max(1, search.limit())).append(" ROWS ONLY");
        return query(sql.toString(), parameters);
    }

    private static void criterion(StringBuilder sql, List<Object> parameters, String condition, Object value) {
        if (value != null) {
            sql.append(condition);
            parameters.add(value);
        }
    }

    private static String likeEscaped(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    private List<EventStatus> query(String sql, String parameter) throws SQLException {
        return query(sql, List.of(parameter));
    }

    private List<EventStatus> query(String sql, List<Object> parameters) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.size(); i++) {
                query.setObject(i + 1, parameters.get(i));
            }
            try (ResultSet result = query.executeQuery()) {
                List<EventStatus> rows = new ArrayList<>();
                while (result.next()) {
                    Timestamp receivedAt = result.getTimestamp("received_at");
                    rows.add(new EventStatus(
                            result.getString("event_id"),
                            result.getString("provider"),
                            result.getString("topic"),
                            result.getString("delivery_id"),
                            result.getString("group_id"),
                            receivedAt == null ? null : receivedAt.toInstant(),
                            result.getString("status"),
                            result.getString("error_code"),
                            result.getString("error_message"),
                            result.getString("failed_stage"),
                            result.getInt("receive_count"),
                            result.getInt("replay_count"),
                            result.getTimestamp("updated_at").toInstant()));
                }
                return rows;
            }
        }
    }
}
