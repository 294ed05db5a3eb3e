package inbound.store;

import java.time.Duration;

/**
 * How long a database call may wait: for a connection, for the server's next bytes (a hung server or a
 * cut network), and for one statement to finish (a lock held elsewhere). Past any of them the call fails,
 * and the worker treats the failure as transient: it retries, and the event stays on its queue meanwhile.
 * The read bound should be the longer one, so a slow statement is cancelled by the server and the
 * connection stays usable; the read bound then catches a server that answers nothing at all.
 */
public record DatabaseTimeouts(Duration connect, Duration socketRead, Duration statement) {

    public DatabaseTimeouts {
        for (Duration bound : new Duration[] {connect, socketRead, statement}) {
            if (bound == null || bound.isNegative() || bound.isZero()) {
                throw new IllegalArgumentException("database timeouts must be positive, were " + connect + ", " + socketRead + ", " + statement);
            }
        }
    }
}
