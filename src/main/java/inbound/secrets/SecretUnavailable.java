package inbound.secrets;

/** A secret setting names a Secrets Manager secret that could not be read (missing, empty, or the service did not answer). */
public final class SecretUnavailable extends RuntimeException {

    public SecretUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
