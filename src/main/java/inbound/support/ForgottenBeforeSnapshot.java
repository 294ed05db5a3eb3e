package inbound.support;

/**
 * Something that holds what a SnapStart snapshot must not carry (secret values, open connections):
 * dropped before a checkpoint and read or opened again on next use, after the restore.
 */
public interface ForgottenBeforeSnapshot {

    void forget();
}
