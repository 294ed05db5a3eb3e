package inbound.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;

/** The connection pool of the processed-events database (H2 file by default, PostgreSQL in production). */
public final class Database {

    private static final String POSTGRESQL = "jdbc:postgresql:";

    private Database() {
    }

    /**
     * A pool that gives up quickly, so that an unreachable or hung database surfaces as a transient failure
     * the worker retries rather than as a stuck consumer. On PostgreSQL every bound applies (its driver
     * counts whole seconds for the connect and read bounds: rounded up); H2 runs in this process, where
     * only the wait for a connection means anything (its own lock timeout bounds a statement).
     */
    public static HikariDataSource pool(String url, String user, String password, DatabaseTimeouts timeouts, int maximumPoolSize) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("inbound-db");
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(maximumPoolSize);
        config.setConnectionTimeout(Math.max(250, timeouts.connect().toMillis()));
        config.setValidationTimeout(Math.max(250, timeouts.connect().toMillis()));
        if (url.startsWith(POSTGRESQL)) {
            config.addDataSourceProperty("connectTimeout", seconds(timeouts.connect()));
            config.addDataSourceProperty("loginTimeout", seconds(timeouts.connect()));
            config.addDataSourceProperty("socketTimeout", seconds(timeouts.socketRead()));
            // the session's default, so that RESET statement_timeout (after a migration) comes back to it
            config.addDataSourceProperty("options", "-c statement_timeout=" + timeouts.statement().toMillis());
        }
        return new HikariDataSource(config);
    }

    /** A pool with {@code connectTimeout} as its every bound: for an in-process H2 database (tests), where only that one applies. */
    public static HikariDataSource pool(String url, String user, String password, Duration connectTimeout, int maximumPoolSize) {
        return pool(url, user, password, new DatabaseTimeouts(connectTimeout, connectTimeout, connectTimeout), maximumPoolSize);
    }

    private static String seconds(Duration bound) {
        return String.valueOf(Math.max(1, (bound.toMillis() + 999) / 1000));
    }
}
