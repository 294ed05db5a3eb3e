package inbound.embedded;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the embedded queue's H2 file whole — every row of every table, bodies included — before ElasticMQ
 * opens it, and refuses to start on a file it cannot read.
 *
 * <p>Why: H2 checks a page when it reads it. On a damaged file (a full disk, a power cut, or an
 * OutOfMemoryError inside the store) ElasticMQ 1.7.1's persistence actor fails to restore, its supervisor
 * restarts it, and the queues never appear: Inbound waited a minute and then blamed the dead-letter queue.
 * Here it stops within seconds with one line that names the file and the ways out. The file is opened
 * read-only, so that the check changes nothing.
 */
public final class EmbeddedQueueFileCheck {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedQueueFileCheck.class);
    /** H2's suffix of a database file. */
    private static final String H2_FILE_SUFFIX = ".mv.db";

    private EmbeddedQueueFileCheck() {
    }

    /**
     * @param databaseUrl the queue's JDBC URL ({@code jdbc:h2:file:<database>;...})
     * @param database the database's path without H2's suffix
     * @param limit how long the read may take; a file read no faster is refused as if damaged
     */
    public static void requireReadable(String databaseUrl, Path database, Duration limit) {
        Path file = Path.of(database + H2_FILE_SUFFIX);
        if (!Files.exists(file)) {
            return;
        }
        long started = System.nanoTime();
        FutureTask<Long> read = new FutureTask<>(() -> readWhole(databaseUrl));
        Thread reader = new Thread(read, "embedded-queue-file-check");
        reader.setDaemon(true);
        reader.start();
        try {
            long rows = read.get(limit.toMillis(), TimeUnit.MILLISECONDS);
            LOG.info("Read the embedded queue's file {} whole ({} rows) in {} ms", file, rows, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        } catch (ExecutionException e) {
            throw damaged(file, database, firstLine(e.getCause()));
        } catch (TimeoutException e) {
            reader.interrupt();
            throw damaged(file, database, "it could not be read within " + limit.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the embedded queue's file " + file, e);
        }
    }

    private static long readWhole(String databaseUrl) throws Exception {
        long rows = 0;
        // read-only: nothing written, not even on close; lazy: rows streamed, not held in memory
        try (Connection connection = DriverManager.getConnection(databaseUrl + ";ACCESS_MODE_DATA=r;LAZY_QUERY_EXECUTION=TRUE", "", "");
                Statement statement = connection.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet names = statement.executeQuery(
                    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'PUBLIC' AND table_type = 'BASE TABLE'")) {
                while (names.next()) {
                    tables.add(names.getString(1));
                }
            }
            for (String table : tables) {
                try (ResultSet row = statement.executeQuery("SELECT * FROM \"" + table + "\"")) {
                    ResultSetMetaData columns = row.getMetaData();
                    while (row.next()) {
                        for (int column = 1; column <= columns.getColumnCount(); column++) {
                            // a BLOB stored apart from its row is read only when asked for
                            if (columns.getColumnType(column) == Types.BLOB) {
                                row.getBytes(column);
                            }
                        }
                        rows++;
                    }
                }
            }
        }
        return rows;
    }

    private static EmbeddedQueueFileDamaged damaged(Path file, Path database, String why) {
        Path directory = database.getParent();
        String name = database.getFileName().toString();
        return new EmbeddedQueueFileDamaged("the embedded queue's file " + file + " is damaged: " + why + "."
                + " Inbound will not start on it (ElasticMQ could not restore its queues). With Inbound stopped, either salvage"
                + " its messages with H2's recovery tool: java -cp " + h2Jar() + " org.h2.tools.Recover -dir " + directory + " -db " + name
                + " (it writes " + directory.resolve(name + ".h2.sql") + "), move the file aside, and load the script with"
                + " java -cp " + h2Jar() + " org.h2.tools.RunScript -url jdbc:h2:file:" + database + " -script " + directory.resolve(name + ".h2.sql")
                + "; or move the file aside (mv " + file + " " + file + ".damaged) and start with an empty queue,"
                + " which loses every event queued in it, acknowledged ones included.");
    }

    private static String h2Jar() {
        try {
            return Path.of(org.h2.Driver.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException | RuntimeException e) {
            return "h2.jar";
        }
    }

    private static String firstLine(Throwable failure) {
        String message = String.valueOf(failure.getMessage());
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }
}
