package inbound.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import inbound.testing.TestPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several processes migrating one fresh PostgreSQL database at once (worker functions on a first deployment) all succeed, once each version. */
class SchemaMigrationsPostgresTest {

    @TempDir
    Path dir;

    @Test
    void concurrentMigrationsOfAFreshDatabaseAllSucceedAndApplyEachVersionOnce() throws Exception {
        try (TestPostgres postgres = TestPostgres.start(dir)) {
            List<HikariDataSource> pools = new ArrayList<>();
            ExecutorService starts = Executors.newFixedThreadPool(4);
            try {
                List<Future<Void>> migrations = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    HikariDataSource pool = Database.pool(postgres.jdbcUrl(), postgres.user(), postgres.password(), Duration.ofSeconds(5), 1);
                    pools.add(pool);
                    Callable<Void> migrate = () -> {
                        SchemaMigrations.apply(pool);
                        return null;
                    };
                    migrations.add(starts.submit(migrate));
                }
                for (Future<Void> migration : migrations) {
                    migration.get();
                }
                try (Connection connection = pools.get(0).getConnection();
                        Statement statement = connection.createStatement();
                        ResultSet versions = statement.executeQuery(
                                "SELECT version, count(*) FROM inbound_schema_version GROUP BY version ORDER BY version")) {
                    List<String> applied = new ArrayList<>();
                    while (versions.next()) {
                        applied.add("V" + versions.getInt(1) + " × " + versions.getInt(2));
                    }
                    assertThat(applied).containsExactly("V1 × 1", "V2 × 1", "V3 × 1", "V4 × 1");
                }
            } finally {
                starts.shutdownNow();
                pools.forEach(HikariDataSource::close);
            }
        }
    }
}
