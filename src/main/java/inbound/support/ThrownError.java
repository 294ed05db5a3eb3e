package inbound.support;

/** A {@link java.lang.Error} a route step threw, carried as an exception so that the route's error handling can answer it. */
public final class ThrownError extends RuntimeException {

    public ThrownError(Error error) {
        super("A step threw " + error.getClass().getName(), error);
    }
}
