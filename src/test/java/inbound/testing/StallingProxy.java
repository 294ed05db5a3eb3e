package inbound.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback TCP proxy to one upstream port that can be told to stall, as a hung server or a cut
 * network does: it still accepts connections and reads what is sent, and forwards nothing either way.
 * A connection that lost bytes while stalled forwards nothing ever again (its stream is broken). Or told
 * to drop, as a server that went away does: every open connection is closed, and every new one at once.
 * It counts the connections it accepted, so a test can tell that nothing reached the upstream at all.
 */
public final class StallingProxy implements AutoCloseable {

    private final ServerSocket server;
    private final int upstreamPort;
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "stalling-proxy");
        thread.setDaemon(true);
        return thread;
    });
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private volatile boolean stalled;
    private volatile boolean dropping;

    private StallingProxy(ServerSocket server, int upstreamPort) {
        this.server = server;
        this.upstreamPort = upstreamPort;
        threads.execute(this::accept);
    }

    public static StallingProxy to(int upstreamPort) {
        try {
            return new StallingProxy(new ServerSocket(FreePort.find(), 50, InetAddress.getLoopbackAddress()), upstreamPort);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return server.getLocalPort();
    }

    /** How many connections were opened to it so far. */
    public int connections() {
        return accepted.get();
    }

    public void stall() {
        stalled = true;
    }

    /** Closes every connection, and from now on every new one as soon as it is accepted. */
    public void drop() {
        dropping = true;
        sockets.forEach(StallingProxy::closeQuietly);
        sockets.clear();
    }

    /** Forwards again; a connection that lost bytes while stalled stays broken. */
    public void resume() {
        stalled = false;
        dropping = false;
    }

    private void accept() {
        while (!server.isClosed()) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException closed) {
                return;
            }
            accepted.incrementAndGet();
            if (dropping) {
                closeQuietly(client);
                continue;
            }
            try {
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort);
                sockets.add(client);
                sockets.add(upstream);
                AtomicBoolean broken = new AtomicBoolean();
                threads.execute(() -> pump(client, upstream, broken));
                threads.execute(() -> pump(upstream, client, broken));
            } catch (IOException upstreamDown) {
                // as the upstream would answer: the connection is refused
                closeQuietly(client);
            }
        }
    }

    private void pump(Socket from, Socket to, AtomicBoolean broken) {
        byte[] buffer = new byte[8192];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int read; (read = in.read(buffer)) >= 0; ) {
                if (stalled || broken.get()) {
                    broken.set(true);
                    continue;
                }
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException closed) {
            // the other side went away: so does this one
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            sockets.remove(from);
            sockets.remove(to);
        }
    }

    @Override
    public void close() {
        closeQuietly(server);
        sockets.forEach(StallingProxy::closeQuietly);
        threads.shutdownNow();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // closing anyway
        }
    }
}
