package inbound.store;

import inbound.testing.TestPostgres;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** The same contract on a real PostgreSQL server. */
class EventStorePostgresTest extends EventStoreContract {

    @TempDir
    Path dir;

    private TestPostgres postgres;

    @BeforeEach
    @Override
    void migrate() throws Exception {
        postgres = TestPostgres.start(dir);
        super.migrate();
    }

    @AfterEach
    @Override
    void close() {
        super.close();
        postgres.close();
    }

    @Override
    protected String jdbcUrl() {
        return postgres.jdbcUrl();
    }

    @Override
    protected String user() {
        return postgres.user();
    }
}
