package inbound.wiring;

import inbound.settings.Settings;
import inbound.ingest.BodySizeLimit;
import inbound.ingest.EventEnvelope;
import inbound.ingest.HandshakeCheck;
import inbound.ingest.HeapAfterCollection;
import inbound.ingest.HeapGuard;
import inbound.ingest.InternalErrorResponse;
import inbound.ingest.ProviderSecrets;
import inbound.ingest.QueueMessageLimits;
import inbound.ingest.UnavailableResponse;
import inbound.ingest.RefusalResponse;
import inbound.ingest.ShallowBodyCheck;
import inbound.ingest.SignatureCheck;
import inbound.ingest.QueueFullGuard;
import inbound.queue.BatchingQueueWriter;
import inbound.queue.EmbeddedQueueBound;
import inbound.queue.QueueBacklog;
import inbound.queue.GroupCommitSettings;
import inbound.queue.QueueSettings;
import inbound.support.Flush;
import java.time.Clock;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.Set;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Processor;
import org.apache.camel.spi.Registry;
import routes.ErrorsAsExceptions;
import routes.IngestErrorHandling;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The steps of the ingest route and the group-commit writer to the queue; after {@link ProviderBeans} and {@link QueueBeans}. */
public class IngestBeans implements CamelConfiguration {

    @Override
    public void configure(CamelContext context) throws Exception {
        Settings settings = new Settings(context);
        Registry registry = context.getRegistry();
        registry.bind("heapGuard", new HeapGuard(HeapAfterCollection.ofThisJvm()::fraction,
                settings.number("inbound.ingest.max-heap-percent-after-gc") / 100.0));
        registry.bind("bodySizeLimit", new BodySizeLimit(settings.number("inbound.max-body-bytes")));
        registry.bind("signatureCheck", new SignatureCheck(registry.lookupByNameAndType("providerSecrets", ProviderSecrets.class)));
        registry.bind("shallowBodyCheck", new ShallowBodyCheck());
        registry.bind("handshakeCheck", new HandshakeCheck());
        registry.bind("eventEnvelope", new EventEnvelope(Clock.systemUTC()));
        registry.bind("queueMessageLimits", new QueueMessageLimits(settings.number("inbound.queue.max-message-bytes")));
        QueueBacklog backlog = registry.findSingleByType(QueueBacklog.class);
        Processor queueFullGuard = backlog == null ? exchange -> { } : new QueueFullGuard(backlog, embeddedQueueBound(settings));
        registry.bind("queueFullGuard", queueFullGuard);
        registry.bind("refusalResponse", new RefusalResponse());
        registry.bind("internalErrorResponse", new InternalErrorResponse());
        context.getCamelContextExtension().addInterceptStrategy(new ErrorsAsExceptions(Set.of(IngestErrorHandling.ID)));
        registry.bind("unavailableResponse", new UnavailableResponse((int) settings.number("inbound.ingest.retry-after-seconds")));

        BatchingQueueWriter queueWriter = new BatchingQueueWriter(
                registry.lookupByNameAndType("sqsClient", SqsClient.class),
                registry.lookupByNameAndType("queueFlush", Flush.class),
                registry.lookupByNameAndType("queueSettings", QueueSettings.class).queueName(),
                new GroupCommitSettings(
                        Duration.ofMillis(settings.number("inbound.ingest.batch-linger-ms")),
                        (int) settings.number("inbound.ingest.batch-max-bytes"),
                        (int) settings.number("inbound.ingest.batch-senders"),
                        Duration.ofMillis(settings.number("inbound.ingest.max-queue-wait-ms"))));
        context.addService(queueWriter, true, true);
        registry.bind("queueWriter", queueWriter);
    }

    /** Only the embedded queue has a bound: Amazon SQS holds messages on its own servers, not in this heap. */
    private static EmbeddedQueueBound embeddedQueueBound(Settings settings) {
        return EmbeddedQueueBound.of(
                optionalNumber(settings, "inbound.embedded-queue.max-messages"),
                optionalNumber(settings, "inbound.embedded-queue.max-bytes"),
                new EmbeddedQueueBound.HeapCost(Runtime.getRuntime().maxMemory(),
                        (int) settings.number("inbound.embedded-queue.heap-percent"),
                        settings.number("inbound.embedded-queue.heap-bytes-per-message"),
                        settings.number("inbound.embedded-queue.heap-bytes-per-body-byte")),
                (int) settings.number("inbound.embedded-queue.resume-percent"));
    }

    private static OptionalLong optionalNumber(Settings settings, String key) {
        return settings.optionalText(key).isPresent() ? OptionalLong.of(settings.number(key)) : OptionalLong.empty();
    }
}
