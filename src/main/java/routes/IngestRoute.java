package routes;

import inbound.ingest.IngestProperties;
import inbound.ingest.IngestResponses;
import org.apache.camel.builder.RouteBuilder;

/**
 * The ingest pipeline both shapes call: take the request's trace, refuse while memory is nearly full, find the provider, check its API key where one is set, bound the body, verify the signature
 * over the raw bytes, check the body is JSON (or form data), answer a provider's endpoint check at
 * once, refuse what the queue or the database would refuse for good, refuse while the embedded queue is full or still queues the event's group again after a restart, store the body aside where the claim check says so, queue the event on the FIFO
 * queue, answer 202 only after the queue confirmed the write.
 */
public class IngestRoute extends RouteBuilder {

    public static final String ENDPOINT = "direct:ingest";
    /** The step that writes to the queue; tests replace it by this id. */
    public static final String ENQUEUE_STEP = "enqueue";

    @Override
    public void configure() {
        from(ENDPOINT)
                .routeId("ingest")
                .routeConfigurationId(IngestErrorHandling.ID)
                .process("requestTrace")
                .process("heapGuard")
                .process("providerLookup")
                .process("apiKeyCheck")
                .process("bodySizeLimit")
                .process("signatureCheck")
                .process("shallowBodyCheck")
                .process("handshakeCheck")
                .filter(exchangeProperty(IngestProperties.HANDSHAKE_ANSWER).isNotNull())
                    .process(IngestResponses::handshake)
                    .stop()
                .end()
                .process("eventEnvelope")
                .process("queueMessageLimits")
                .process("queueFullGuard")
                .process("restoringGroupGuard")
                .process("payloadStoredAside")
                .process("queueWriter").id(ENQUEUE_STEP)
                .process(IngestResponses::accepted);
    }
}
