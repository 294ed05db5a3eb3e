package inbound.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class EventStoreH2Test extends EventStoreContract {

    @TempDir
    Path dir;

    @Override
    protected String jdbcUrl() {
        return "jdbc:h2:file:" + dir.resolve("inbound") + ";WRITE_DELAY=0";
    }

    @Override
    protected String user() {
        return "sa";
    }
}
