package inbound.operator;

/** An operator request refused, with the HTTP status and error code it is answered with. */
public class OperatorRefusal extends RuntimeException {

    private final int status;
    private final String code;

    public OperatorRefusal(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
