package inbound.provider;

/** A provider file that cannot be used; the message names the provider and the field. */
public class ProviderFileException extends RuntimeException {

    public ProviderFileException(String message) {
        super(message);
    }

    public ProviderFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
