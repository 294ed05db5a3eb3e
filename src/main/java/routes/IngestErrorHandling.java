package routes;

import org.apache.camel.builder.RouteConfigurationBuilder;
import inbound.queue.QueueWriteRejected;
import inbound.wiring.SecretUnavailable;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * How the ingest route answers what goes wrong: a refusal (unknown provider, too large, bad
 * signature, malformed body) with its own status; a queue that did not confirm the write, or a
 * signing secret that could not be read, with 503 and Retry-After. Either way nothing is reported accepted.
 */
public class IngestErrorHandling extends RouteConfigurationBuilder {

    public static final String ID = "ingest-errors";

    @Override
    public void configuration() {
        routeConfiguration(ID)
                .onException(inbound.ingest.IngestRefusal.class)
                    .handled(true)
                    .process("refusalResponse")
                .end()
                .onException(SdkException.class, QueueWriteRejected.class, SecretUnavailable.class)
                    .handled(true)
                    .process("unavailableResponse")
                .end();
    }
}
