package inbound.store;

import com.zaxxer.hikari.HikariDataSource;
import inbound.support.ForgottenBeforeSnapshot;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.function.Supplier;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The database as Inbound uses it: a pool opened, with its password (possibly a Secrets Manager
 * secret), and the schema migrated, on the first connection asked for — at start-up in the server
 * shape, on the first invocation in the Lambda shape, which is after a SnapStart restore. Before a
 * snapshot the pool is closed, so no connection or password is in it; the next use opens it again.
 */
public final class LazyDatabase implements DataSource, ForgottenBeforeSnapshot, AutoCloseable {

    private final String url;
    private final String user;
    private final Supplier<String> password;
    private final DatabaseTimeouts timeouts;
    private final int maximumPoolSize;
    private volatile HikariDataSource pool;

    public LazyDatabase(String url, String user, Supplier<String> password, DatabaseTimeouts timeouts, int maximumPoolSize) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.timeouts = timeouts;
        this.maximumPoolSize = maximumPoolSize;
    }

    /** Opens the pool and migrates the schema now, if that has not happened yet. */
    public void prepare() throws SQLException {
        pool();
    }

    private HikariDataSource pool() throws SQLException {
        HikariDataSource ready = pool;
        if (ready != null) {
            return ready;
        }
        synchronized (this) {
            if (pool == null) {
                HikariDataSource opened = Database.pool(url, user, password.get(), timeouts, maximumPoolSize);
                try {
                    SchemaMigrations.apply(opened);
                } catch (SQLException | RuntimeException e) {
                    opened.close();
                    throw e;
                }
                pool = opened;
            }
            return pool;
        }
    }

    @Override
    public Connection getConnection() throws SQLException {
        return pool().getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return pool().getConnection(username, password);
    }

    @Override
    public synchronized void forget() {
        close();
    }

    @Override
    public synchronized void close() {
        if (pool != null) {
            pool.close();
            pool = null;
        }
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        // the pool logs through SLF4J
    }

    @Override
    public void setLoginTimeout(int seconds) {
        // the pool's connect timeout applies
    }

    @Override
    public int getLoginTimeout() {
        return (int) timeouts.connect().toSeconds();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("the pool logs through SLF4J");
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        return pool().unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return type.isInstance(this) || pool().isWrapperFor(type);
    }
}
