package inbound.embedded;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The check of the embedded queue's file, on an H2 file with rows as ElasticMQ writes them. */
class EmbeddedQueueFileCheckTest {

    private static final Duration LIMIT = Duration.ofSeconds(30);

    @TempDir
    Path dataDir;

    @Test
    void shouldPassWhenThereIsNoFileYet() {
        assertThatCode(() -> check()).doesNotThrowAnyException();
    }

    @Test
    void shouldPassAFileItReadsWhole() throws SQLException {
        fill();

        assertThatCode(() -> check()).doesNotThrowAnyException();
    }

    @Test
    void shouldRefuseADamagedFileNamingItAndTheWaysOut() throws Exception {
        fill();
        Path file = dataDir.resolve("queue").resolve("elasticmq.mv.db");
        damageTheMiddle(file);

        assertThatThrownBy(this::check)
                .isInstanceOf(EmbeddedQueueFileDamaged.class)
                .hasMessageContaining(file.toAbsolutePath() + " is damaged")
                .hasMessageContaining("org.h2.tools.Recover -dir " + file.toAbsolutePath().getParent() + " -db elasticmq")
                .hasMessageContaining("mv " + file.toAbsolutePath() + " ")
                .hasMessageContaining("loses every event queued in it")
                .hasMessageNotContaining("\n");
    }

    private void check() {
        EmbeddedQueueFileCheck.requireReadable(EmbeddedSqsServer.databaseUrl(dataDir),
                dataDir.toAbsolutePath().resolve("queue").resolve("elasticmq"), LIMIT);
    }

    /** Some thousand rows of 3 KB bodies, in a table shaped as ElasticMQ's message table. */
    private void fill() throws SQLException {
        try (Connection connection = DriverManager.getConnection(EmbeddedSqsServer.databaseUrl(dataDir), "", "")) {
            connection.createStatement().execute("CREATE TABLE " + ElasticMqMessageTable.of("events.fifo")
                    + " (message_id VARCHAR UNIQUE, content BLOB, attributes BLOB, created BIGINT)");
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + ElasticMqMessageTable.of("events.fifo") + " VALUES (?, ?, ?, ?)")) {
                for (int i = 0; i < 2_000; i++) {
                    insert.setString(1, "message-" + i);
                    insert.setBytes(2, ("{\"id\": " + i + ", \"note\": \"" + "x".repeat(3_000) + "\"}").getBytes());
                    insert.setBytes(3, "[]".getBytes());
                    insert.setLong(4, i);
                    insert.executeUpdate();
                }
            }
        }
    }

    /** As a torn write would: 16 KB of garbage in the middle of the file. */
    private static void damageTheMiddle(Path file) throws IOException {
        try (RandomAccessFile damaged = new RandomAccessFile(file.toFile(), "rw")) {
            damaged.seek(Files.size(file) / 2);
            damaged.write(new byte[16_384]);
        }
    }
}
