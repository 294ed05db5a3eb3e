package inbound.embedded;

import inbound.claimcheck.PayloadPointer;
import inbound.claimcheck.PayloadUnavailable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At start, before any event comes and before the stored messages are sent again (they wait in
 * {@link RestoreBacklog}'s table meanwhile), removes the stored payloads no message of the queue, its
 * dead-letter queue or that table points to: those of
 * events processed just before a crash, whose file outlived their message, of events a provider was
 * answered 503 for and never sent again, and temporary files of writes a crash cut short. None of them
 * can be needed: a 202 comes only once the message is on file, and a provider's retry stores its body again.
 */
public final class StoredPayloadSweep {

    private static final Logger LOG = LoggerFactory.getLogger(StoredPayloadSweep.class);
    /** How a pointer's body begins: other bodies need no parse. */
    private static final String POINTER_START = "[\"" + PayloadPointer.POINTER_CLASS + "\"";

    private StoredPayloadSweep() {
    }

    /** Removes from {@code payloadFolder} every file the messages of {@code queueNames} and of the re-send's backlog do not point to; answers how many. */
    public static int sweep(DataSource queueDatabase, List<String> queueNames, Path payloadFolder) {
        if (!Files.isDirectory(payloadFolder)) {
            return 0;
        }
        Set<String> pointedTo = pointedTo(queueDatabase, queueNames);
        int removed = 0;
        try (Stream<Path> files = Files.walk(payloadFolder)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                if (!pointedTo.contains(file.getFileName().toString())) {
                    Files.deleteIfExists(file);
                    removed++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not remove the stored payloads no message points to under " + payloadFolder, e);
        }
        if (removed > 0) {
            LOG.info("Removed {} stored payloads under {} that no queued or dead-lettered message points to", removed, payloadFolder);
        }
        return removed;
    }

    private static Set<String> pointedTo(DataSource queueDatabase, List<String> queueNames) {
        Set<String> keys = new HashSet<>();
        try (Connection connection = queueDatabase.getConnection(); Statement statement = connection.createStatement()) {
            List<String> tables = new ArrayList<>();
            queueNames.forEach(queueName -> tables.add(ElasticMqMessageTable.of(queueName)));
            tables.add(RestoreBacklog.TABLE);
            for (String table : tables) {
                if (!connection.getMetaData().getTables(null, null, table.toUpperCase(Locale.ROOT), null).next()) {
                    continue;
                }
                try (ResultSet rows = statement.executeQuery("SELECT content FROM " + table)) {
                    while (rows.next()) {
                        // ElasticMQ keeps bodies in the default charset, which Inbound requires to be UTF-8
                        String body = new String(rows.getBytes(1), StandardCharsets.UTF_8);
                        if (body.startsWith(POINTER_START)) {
                            pointer(body).ifPresent(pointer -> keys.add(pointer.key()));
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read which stored payloads the embedded queue's messages point to", e);
        }
        return keys;
    }

    /** A body that begins as a pointer but is none points to nothing. */
    private static Optional<PayloadPointer> pointer(String body) {
        try {
            return PayloadPointer.inMessage(body, String.valueOf(body.length()));
        } catch (PayloadUnavailable notAPointer) {
            return Optional.empty();
        }
    }
}
