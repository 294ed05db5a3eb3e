package inbound.operator;

import inbound.signature.FormBodies;
import inbound.support.Refusal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Lets an operator request through only with {@code Authorization: Bearer $INBOUND_ADMIN_TOKEN};
 * with no token configured, the operator API refuses everything. The token counts only in the header:
 * the HTTP component puts query parameters among the message's headers, and a token in a URL ends up
 * in logs and histories, so a query with an {@code Authorization} parameter is refused. The token is asked for
 * at each request, not kept here: a token held in a Secrets Manager secret is read on first use (in the Lambda
 * shape after any SnapStart restore, never into a snapshot) and kept by {@link inbound.secrets.SecretValues}.
 */
public final class AdminAuth implements Processor {

    private final Supplier<Optional<String>> token;
    private final boolean openWhenUnset;

    public AdminAuth(Supplier<Optional<String>> token) {
        this(token, false);
    }

    private AdminAuth(Supplier<Optional<String>> token, boolean openWhenUnset) {
        this.token = token;
        this.openWhenUnset = openWhenUnset;
    }

    /** The same check for a route that is open to all when no token is set (the metrics, by the operator's choice). */
    public static AdminAuth openWhenUnset(Supplier<Optional<String>> token) {
        return new AdminAuth(token, true);
    }

    @Override
    public void process(Exchange exchange) {
        Optional<byte[]> expected = token.get().map(value -> value.getBytes(StandardCharsets.UTF_8));
        if (expected.isEmpty()) {
            if (openWhenUnset) {
                return;
            }
            throw new Refusal(401, "unauthorized", "The operator API is disabled: INBOUND_ADMIN_TOKEN is not set.");
        }
        String authorization = FormBodies.namesParameter(exchange.getMessage().getHeader(Exchange.HTTP_QUERY, String.class), "Authorization")
                ? null : exchange.getMessage().getHeader("Authorization", String.class);
        byte[] presented = authorization != null && authorization.startsWith("Bearer ")
                ? authorization.substring("Bearer ".length()).trim().getBytes(StandardCharsets.UTF_8)
                : new byte[0];
        if (!MessageDigest.isEqual(presented, expected.get())) {
            throw new Refusal(401, "unauthorized", "A valid 'Authorization: Bearer <token>' header is required.");
        }
    }
}
