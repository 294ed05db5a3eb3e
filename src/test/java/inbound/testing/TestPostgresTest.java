package inbound.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestPostgresTest {

    @TempDir
    Path workDir;

    @Test
    void keepsCommittedDataAcrossAnOutage() throws Exception {
        try (TestPostgres postgres = TestPostgres.start(workDir)) {
            try (Connection connection = connect(postgres); Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE note (id int PRIMARY KEY, body text NOT NULL)");
                statement.execute("INSERT INTO note VALUES (1, 'kept')");
                assertThat(body(connection)).isEqualTo("kept");
            }

            try (Connection openAcrossTheOutage = connect(postgres)) {
                postgres.stop();
                assertThatThrownBy(() -> body(openAcrossTheOutage)).isInstanceOf(SQLException.class);
            }
            assertThatThrownBy(() -> connect(postgres).close()).isInstanceOf(SQLException.class);

            String url = postgres.jdbcUrl();
            postgres.restart();
            assertThat(postgres.jdbcUrl()).isEqualTo(url);
            try (Connection connection = connect(postgres)) {
                assertThat(body(connection)).isEqualTo("kept");
            }
        }
    }

    @Test
    void closeStopsTheServerAndKeepsItsLogInTheWorkDirectory() throws Exception {
        TestPostgres postgres = TestPostgres.start(workDir);
        try (Connection connection = connect(postgres); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT current_user")) {
            result.next();
            assertThat(result.getString(1)).isEqualTo(postgres.user());
        }

        postgres.close();

        assertThatThrownBy(() -> connect(postgres).close()).isInstanceOf(SQLException.class);
        assertThat(Files.readString(workDir.resolve("postgres.log"))).contains("database system is shut down");
    }

    private static Connection connect(TestPostgres postgres) throws SQLException {
        return DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), postgres.password());
    }

    private static String body(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT body FROM note WHERE id = 1")) {
            return result.next() ? result.getString(1) : null;
        }
    }
}
