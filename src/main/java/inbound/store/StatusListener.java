package inbound.store;

/** Told of each status the store has written, once it is committed (the console's counts of what the worker did). */
@FunctionalInterface
public interface StatusListener {

    StatusListener NONE = status -> { };

    void saved(EventStatus status);
}
