package inbound.store;

import inbound.support.Flush;
import inbound.support.FlushFailed;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;

/**
 * Group flush for an H2 database. H2 keeps commits in memory and writes them to its file in the
 * background (up to {@code WRITE_DELAY}, 500 ms, later), so a killed process could lose what was
 * committed; {@code WRITE_DELAY=0} would write the file on every commit instead, one write per
 * message. A {@code CHECKPOINT} writes every commit made before it started, so callers that arrive
 * while one runs share the next one: one file write for many messages. Within one JVM, a connection
 * to the same file is the very store the other connections write to.
 */
public final class H2Checkpoint implements Flush {

    private final DataSource dataSource;
    private final String what;
    private final ReentrantLock writing = new ReentrantLock();
    private final AtomicLong started = new AtomicLong();
    private long finished;

    /** H2 keeps commits in memory for a while and needs a checkpoint; any other database is durable on commit. */
    public static Flush forDatabase(String url, DataSource dataSource, String what) {
        return url.startsWith("jdbc:h2:") ? new H2Checkpoint(dataSource, what) : Flush.NONE;
    }

    /** @param what the store, as a log or an error names it ("the embedded queue") */
    public H2Checkpoint(DataSource dataSource, String what) {
        this.dataSource = dataSource;
        this.what = what;
    }

    @Override
    public void flush() {
        // the first checkpoint to start after this line covers every commit made before the call
        long covering = started.get() + 1;
        writing.lock();
        try {
            if (finished >= covering) {
                return;
            }
            long id = started.incrementAndGet();
            checkpoint();
            finished = id;
        } finally {
            writing.unlock();
        }
    }

    private void checkpoint() {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CHECKPOINT");
        } catch (SQLException e) {
            throw new FlushFailed("Could not write " + what + "'s commits to its file: " + e.getMessage(), e);
        }
    }
}
