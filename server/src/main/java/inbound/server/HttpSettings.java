package inbound.server;

import inbound.settings.SettingsReader;
import java.time.Duration;

/**
 * The HTTP server (inbound.http.* in application.properties): where it listens, its worker threads and
 * how many of them webhooks may take, how many bytes of webhook bodies may be held at once, when an idle
 * connection is closed, and how long a request may take to arrive whole.
 */
record HttpSettings(String host, int port, int workerThreads, int maxConcurrentIngest, long maxBodyBytesInFlight, int idleTimeoutSeconds,
        Duration requestReadTimeout) {

    HttpSettings {
        if (maxConcurrentIngest >= workerThreads) {
            throw new IllegalArgumentException("inbound.http.max-concurrent-ingest (" + maxConcurrentIngest + ") must be less than"
                    + " inbound.http.worker-threads (" + workerThreads + "), so that /health and the operator API keep threads of their own");
        }
    }

    /** @param maxBodyBytes the largest body accepted ({@code inbound.max-body-bytes}), which must fit in the bytes in flight */
    static HttpSettings read(SettingsReader settings, long maxBodyBytes) {
        return settings.build(() -> new HttpSettings(
                settings.text("inbound.http.host"),
                settings.integer("inbound.http.port", 1, 65_535),
                settings.integer("inbound.http.worker-threads", 2, Integer.MAX_VALUE),
                settings.integer("inbound.http.max-concurrent-ingest", 1, Integer.MAX_VALUE),
                settings.number("inbound.http.max-body-bytes-in-flight", 1),
                settings.integer("inbound.http.idle-timeout-seconds", 1, Integer.MAX_VALUE),
                settings.seconds("inbound.http.request-read-timeout-seconds", 1)).holding(maxBodyBytes));
    }

    private HttpSettings holding(long maxBodyBytes) {
        if (maxBodyBytesInFlight < maxBodyBytes) {
            throw new IllegalArgumentException("inbound.http.max-body-bytes-in-flight (" + maxBodyBytesInFlight + ") must be at least"
                    + " inbound.max-body-bytes (" + maxBodyBytes + "), so that the largest body accepted can be taken in");
        }
        return this;
    }

    /** Where a newcomer on this machine reaches it. */
    String baseUrl() {
        return "http://" + (host.equals("0.0.0.0") ? "localhost" : host) + ":" + port;
    }
}
