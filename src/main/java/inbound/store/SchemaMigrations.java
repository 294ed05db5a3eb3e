package inbound.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the database schema up to date from {@code db/migration/V1.sql}, {@code V2.sql}, ... on the
 * classpath, each applied once, in order, in its own transaction; applied versions are recorded in
 * {@code inbound_schema_version}. The same files run on H2 and PostgreSQL.
 */
public final class SchemaMigrations {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigrations.class);
    /** Any number of our own choosing, the same in every process. */
    private static final long MIGRATION_LOCK = 0x1AB0_0D00L;

    private SchemaMigrations() {
    }

    public static void apply(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            // on PostgreSQL several processes may start at once (worker functions on a first deployment):
            // one migrates, the others wait and then find the schema up to date
            boolean sharedServer = "PostgreSQL".equals(connection.getMetaData().getDatabaseProductName());
            if (sharedServer) {
                // a migration (or the wait for another process's) may rightly take longer than the pool's bounds
                // on one statement and one read allow; the pool restores the read bound when the connection returns
                connection.setNetworkTimeout(Runnable::run, 0);
                execute(connection, "SET statement_timeout = 0");
                execute(connection, "SELECT pg_advisory_lock(" + MIGRATION_LOCK + ")");
            }
            try {
                execute(connection, "CREATE TABLE IF NOT EXISTS inbound_schema_version (version INTEGER PRIMARY KEY, applied_at TIMESTAMP WITH TIME ZONE NOT NULL)");
                int version = currentVersion(connection);
                String script;
                while ((script = script(version + 1)) != null) {
                    version++;
                    applyScript(connection, version, script);
                    LOG.info("Database schema migrated to version {}", version);
                }
            } finally {
                if (sharedServer) {
                    execute(connection, "SELECT pg_advisory_unlock(" + MIGRATION_LOCK + ")");
                    execute(connection, "RESET statement_timeout");
                }
            }
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static int currentVersion(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT COALESCE(MAX(version), 0) FROM inbound_schema_version")) {
            result.next();
            return result.getInt(1);
        }
    }

    private static void applyScript(Connection connection, int version, String script) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements(script)) {
                statement.execute(sql);
            }
            try (PreparedStatement record = connection.prepareStatement(
                    "INSERT INTO inbound_schema_version (version, applied_at) VALUES (?, CURRENT_TIMESTAMP)")) {
                record.setInt(1, version);
                record.executeUpdate();
            }
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw new SQLException("database migration V" + version + " failed: " + e.getMessage(), e.getSQLState(), e);
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    /** Splits a script on the semicolons that end its statements; comment lines are dropped. */
    private static String[] statements(String script) {
        StringBuilder withoutComments = new StringBuilder();
        script.lines().filter(line -> !line.strip().startsWith("--")).forEach(line -> withoutComments.append(line).append('\n'));
        return Arrays.stream(withoutComments.toString().split(";"))
                .map(String::strip).filter(sql -> !sql.isEmpty()).toArray(String[]::new);
    }

    private static String script(int version) {
        try (InputStream in = SchemaMigrations.class.getResourceAsStream("/db/migration/V" + version + ".sql")) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
