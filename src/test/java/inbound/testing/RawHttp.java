package inbound.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * HTTP/1.1 written byte for byte on a fresh loopback connection, for requests {@code java.net.http}
 * refuses to send (malformed or duplicated headers, raw bytes, chunked bodies of our own making, a body
 * that drips in). The request is written on a thread of its own while the answer is read, so that an
 * answer given before the request is sent whole (413, 431, 408) is read, not lost to a reset.
 */
public final class RawHttp {

    /** One answer; {@code status} 0 when none came before the connection closed or the read timed out. */
    public record Answer(int status, Map<String, String> headers, String body) {

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        @Override
        public String toString() {
            return status == 0 ? "no answer" : status + " " + headers.getOrDefault("content-type", "(no Content-Type)") + " " + body;
        }
    }

    /** Writes the rest of a request to a connection, e.g. a body a byte at a time. */
    @FunctionalInterface
    public interface Sending {
        void writeTo(OutputStream out) throws IOException;
    }

    private RawHttp() {
    }

    public static Answer send(int port, byte[] request, Duration timeout) {
        return send(port, out -> out.write(request), timeout);
    }

    public static Answer send(int port, Sending request, Duration timeout) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout((int) timeout.toMillis());
            OutputStream out = socket.getOutputStream();
            CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> {
                try {
                    request.writeTo(out);
                    out.flush();
                } catch (IOException answeredAndClosed) {
                    // the server answered before the request was whole, and closed: the answer is what counts
                }
            });
            try {
                return read(socket.getInputStream());
            } finally {
                writing.cancel(true);
            }
        } catch (IOException e) {
            return new Answer(0, Map.of(), e.toString());
        }
    }

    /** Reads one answer: to its Content-Length, its last chunk, or the end of the connection. */
    private static Answer read(InputStream in) throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int read; (read = in.read(buffer)) >= 0; ) {
                received.write(buffer, 0, read);
                Answer answer = parse(received.toByteArray(), false);
                if (answer != null) {
                    return answer;
                }
            }
        } catch (SocketTimeoutException | SocketException cutOff) {
            // what arrived before is all there is
        }
        Answer answer = parse(received.toByteArray(), true);
        return answer != null ? answer : new Answer(0, Map.of(), "");
    }

    private static Answer parse(byte[] bytes, boolean atEnd) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        int headEnd = text.indexOf("\r\n\r\n");
        if (headEnd < 0) {
            return null;
        }
        String[] lines = text.substring(0, headEnd).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
        }
        String rest = text.substring(headEnd + 4);
        String body;
        if (headers.containsKey("content-length")) {
            int length = Integer.parseInt(headers.get("content-length"));
            if (rest.length() < length) {
                return null;
            }
            body = rest.substring(0, length);
        } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = dechunk(rest);
            if (body == null) {
                return null;
            }
        } else if (atEnd) {
            body = rest;
        } else {
            return null;
        }
        return new Answer(status, headers, new String(body.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
    }

    /** The body of a chunked answer, or null while its last chunk has not arrived. */
    private static String dechunk(String chunked) {
        StringBuilder body = new StringBuilder();
        int at = 0;
        while (true) {
            int lineEnd = chunked.indexOf("\r\n", at);
            if (lineEnd < 0) {
                return null;
            }
            int size = Integer.parseInt(chunked.substring(at, lineEnd).split(";")[0].trim(), 16);
            if (size == 0) {
                return body.toString();
            }
            if (chunked.length() < lineEnd + 2 + size + 2) {
                return null;
            }
            body.append(chunked, lineEnd + 2, lineEnd + 2 + size);
            at = lineEnd + 2 + size + 2;
        }
    }
}
