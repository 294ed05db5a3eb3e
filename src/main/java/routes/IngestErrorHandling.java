package routes;

import inbound.queue.QueueWriteRejected;
import inbound.secrets.SecretUnavailable;
import inbound.support.Refusal;
import org.apache.camel.builder.RouteConfigurationBuilder;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * How the ingest route answers what goes wrong: a refusal (unknown provider, too large, bad
 * signature, malformed body) with its own status; a queue that did not confirm the write, or a
 * signing secret that could not be read, with 503 and Retry-After; anything else — a bug, an Error a
 * step threw included (see {@link ErrorsAsExceptions}) — with {@code 500 {"error":"internal"}}. Either way
 * nothing is reported accepted.
 */
public class IngestErrorHandling extends RouteConfigurationBuilder {

    public static final String ID = "ingest-errors";

    @Override
    public void configuration() {
        routeConfiguration(ID)
                .onException(Refusal.class)
                    .handled(true)
                    .process("refusalResponse")
                .end()
                .onException(SdkException.class, QueueWriteRejected.class, SecretUnavailable.class)
                    .handled(true)
                    .process("unavailableResponse")
                .end()
                .onException(Exception.class)
                    .handled(true)
                    .process("internalErrorResponse")
                .end();
    }
}
