package inbound.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;

/** The connection pool of the processed-events database (H2 file by default, PostgreSQL in production). */
public final class Database {

    private Database() {
    }

    /**
     * A pool that gives up on a connection quickly, so that an unreachable database surfaces as a
     * transient failure the worker retries rather than as a stuck consumer.
     */
    public static HikariDataSource pool(String url, String user, String password, Duration connectTimeout, int maximumPoolSize) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("inbound-db");
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(maximumPoolSize);
        config.setConnectionTimeout(Math.max(250, connectTimeout.toMillis()));
        config.setValidationTimeout(Math.max(250, connectTimeout.toMillis()));
        return new HikariDataSource(config);
    }
}
