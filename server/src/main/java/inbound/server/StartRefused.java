package inbound.server;

/** Inbound will not start as configured; the message says why and what to change, so no stack trace is logged. */
final class StartRefused extends RuntimeException {

    StartRefused(String message) {
        super(message);
    }
}
