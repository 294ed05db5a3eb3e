package inbound.wiring;

import inbound.claimcheck.ClaimCheck;
import inbound.ingest.BodySizeLimit;
import inbound.ingest.EventEnvelope;
import inbound.ingest.HandshakeCheck;
import inbound.ingest.HeapAfterCollection;
import inbound.ingest.HeapGuard;
import inbound.ingest.InternalErrorResponse;
import inbound.ingest.PayloadStoredAside;
import inbound.ingest.ProviderSecrets;
import inbound.ingest.QueueFullGuard;
import inbound.ingest.QueueMessageLimits;
import inbound.ingest.RefusalResponse;
import inbound.ingest.RequestTrace;
import inbound.ingest.RestoringGroupGuard;
import inbound.ingest.ShallowBodyCheck;
import inbound.ingest.SignatureCheck;
import inbound.ingest.UnavailableResponse;
import inbound.queue.BatchingQueueWriter;
import inbound.queue.QueueBacklog;
import inbound.queue.QueueRestore;
import inbound.queue.QueueSettings;
import inbound.support.Flush;
import inbound.support.PipelineMetrics;
import java.time.Clock;
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

    private final IngestSettings settings;

    public IngestBeans(IngestSettings settings) {
        this.settings = settings;
    }

    @Override
    public void configure(CamelContext context) throws Exception {
        Registry registry = context.getRegistry();
        registry.bind("heapGuard", new HeapGuard(HeapAfterCollection.ofThisJvm()::fraction,
                settings.maxHeapPercentAfterGc() / 100.0));
        registry.bind("bodySizeLimit", new BodySizeLimit(settings.maxBodyBytes()));
        registry.bind("signatureCheck", new SignatureCheck(registry.lookupByNameAndType("providerSecrets", ProviderSecrets.class)));
        registry.bind("shallowBodyCheck", new ShallowBodyCheck());
        registry.bind("handshakeCheck", new HandshakeCheck());
        registry.bind("requestTrace", new RequestTrace(Clock.systemUTC()));
        registry.bind("eventEnvelope", new EventEnvelope(Clock.systemUTC()));
        ClaimCheck claimCheck = registry.lookupByNameAndType("claimCheck", ClaimCheck.class);
        registry.bind("queueMessageLimits", new QueueMessageLimits(settings.maxMessageBytes(), claimCheck));
        registry.bind("payloadStoredAside", new PayloadStoredAside(claimCheck));
        QueueBacklog backlog = registry.findSingleByType(QueueBacklog.class);
        // only the embedded queue has a backlog and a bound: Amazon SQS holds messages on its own servers, not in this heap
        Processor queueFullGuard = backlog == null ? exchange -> { } : new QueueFullGuard(backlog, settings.embeddedQueueBound(), claimCheck);
        registry.bind("queueFullGuard", queueFullGuard);
        registry.bind("restoringGroupGuard", new RestoringGroupGuard(registry.lookupByNameAndType("queueRestore", QueueRestore.class)));
        registry.bind("refusalResponse", new RefusalResponse());
        registry.bind("internalErrorResponse", new InternalErrorResponse());
        context.getCamelContextExtension().addInterceptStrategy(new ErrorsAsExceptions(Set.of(IngestErrorHandling.ID)));
        registry.bind("unavailableResponse", new UnavailableResponse(settings.retryAfterSeconds()));

        BatchingQueueWriter queueWriter = new BatchingQueueWriter(
                registry.lookupByNameAndType("sqsClient", SqsClient.class),
                registry.lookupByNameAndType("queueFlush", Flush.class),
                registry.lookupByNameAndType("queueSettings", QueueSettings.class).queueName(),
                settings.groupCommit(), PipelineMetrics.of(context));
        context.addService(queueWriter, true, true);
        registry.bind("queueWriter", queueWriter);
    }
}
