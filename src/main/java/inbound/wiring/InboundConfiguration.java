package inbound.wiring;

import inbound.deadletter.DeadLetterQueue;
import inbound.deadletter.DeadLetterReplay;
import inbound.deadletter.DirectReplay;
import inbound.health.HealthCheck;
import inbound.operator.AdminAuth;
import inbound.operator.DeadLetterList;
import inbound.operator.DeadLetterView;
import inbound.operator.EventStatusView;
import inbound.operator.OperatorErrorResponse;
import inbound.operator.ReplayAnswer;
import inbound.operator.ReplayRequest;
import inbound.operator.SingleReplayRequest;
import inbound.ingest.BodySizeLimit;
import inbound.ingest.EventEnvelope;
import inbound.ingest.ProviderLookup;
import inbound.ingest.ProviderSecrets;
import inbound.ingest.QueueUnavailableResponse;
import inbound.ingest.RefusalResponse;
import inbound.ingest.HandshakeCheck;
import inbound.ingest.ShallowBodyCheck;
import inbound.ingest.SignatureCheck;
import inbound.provider.ProviderCatalog;
import inbound.provider.ProviderDefinition;
import inbound.queue.BatchingQueueWriter;
import inbound.queue.DeliveryDeduplication;
import inbound.queue.QueueSettings;
import inbound.queue.SqsClientFactory;
import inbound.store.Database;
import inbound.store.EventStore;
import inbound.store.SchemaMigrations;
import inbound.worker.DeadLetterEnvelope;
import inbound.worker.DeadLetterRecorder;
import inbound.worker.DuplicateCheck;
import inbound.worker.GroupHoldBack;
import inbound.worker.ProcessedRecorder;
import inbound.worker.ProcessorSelection;
import inbound.worker.QueuedEventReader;
import inbound.worker.SchemaSelection;
import inbound.worker.SchemaValidation;
import inbound.worker.TransientFailureRecorder;
import inbound.worker.UserProcessing;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.component.aws2.sqs.Sqs2Component;
import org.apache.camel.component.aws2.sqs.Sqs2Configuration;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import routes.WorkerRoute;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Builds the beans the routes refer to by name, from the {@code inbound.*} properties (each
 * overridable by its environment variable, e.g. {@code inbound.max-body-bytes} by
 * {@code INBOUND_MAX_BODY_BYTES}). One place, so that every shape wires the routes the same way.
 */
public class InboundConfiguration implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(InboundConfiguration.class);

    @Override
    public void configure(CamelContext context) throws Exception {
        Settings settings = new Settings(context);
        Registry registry = context.getRegistry();

        Function<String, Optional<String>> properties = key -> context.getPropertiesComponent().resolveProperty(key);
        ProviderCatalog catalog = loadCatalog(context, settings.text("inbound.providers.file"), properties);
        ProviderSecrets secrets = ProviderSecrets.load(catalog.all(), properties);
        for (ProviderDefinition provider : catalog.all()) {
            if (secrets.of(provider.id()).isEmpty()) {
                LOG.warn("Provider '{}' has no signing secret ({} is not set): every request of it is refused with 401",
                        provider.id(), provider.secretVariable());
            } else {
                provider.signature().misconfiguration().ifPresent(problem ->
                        LOG.warn("Provider '{}': {}; every request of it is refused with 401", provider.id(), problem));
            }
        }
        registry.bind("providerCatalog", catalog);
        registry.bind("providerSecrets", secrets);
        registry.bind("providerLookup", new ProviderLookup(catalog));
        registry.bind("bodySizeLimit", new BodySizeLimit(settings.number("inbound.max-body-bytes")));
        registry.bind("signatureCheck", new SignatureCheck(secrets));
        registry.bind("shallowBodyCheck", new ShallowBodyCheck());
        registry.bind("handshakeCheck", new HandshakeCheck());
        registry.bind("eventEnvelope", new EventEnvelope(Clock.systemUTC()));
        registry.bind("refusalResponse", new RefusalResponse());
        registry.bind("queueUnavailableResponse", new QueueUnavailableResponse((int) settings.number("inbound.ingest.retry-after-seconds")));

        QueueSettings queues = new QueueSettings(
                settings.text("inbound.queue.name"), settings.text("inbound.dlq.name"), (int) settings.number("inbound.queue.max-receive-count"));
        registry.bind("queueSettings", queues);
        boolean embedded = settings.optionalText("inbound.sqs.endpoint").isEmpty();
        URI endpoint = URI.create(settings.optionalText("inbound.sqs.endpoint")
                .orElse("http://" + settings.text("inbound.sqs.host") + ":" + settings.number("inbound.sqs.port")));
        SqsClient sqs = SqsClientFactory.create(endpoint, embedded, settings.text("inbound.sqs.region"),
                Duration.ofMillis(settings.number("inbound.sqs.call-timeout-ms")));
        registry.bind("sqsClient", sqs);
        BatchingQueueWriter queueWriter = new BatchingQueueWriter(sqs, queues.queueName(),
                Duration.ofMillis(settings.number("inbound.ingest.batch-linger-ms")),
                (int) settings.number("inbound.ingest.batch-max-bytes"), (int) settings.number("inbound.ingest.batch-senders"));
        context.addService(queueWriter, true, true);
        registry.bind("queueWriter", queueWriter);
        registry.bind("healthCheck", new HealthCheck(sqs, queues, Boolean.parseBoolean(settings.text("inbound.worker.enabled"))));
        context.addService(new ServiceSupport() {
            @Override
            protected void doStop() {
                sqs.close();
            }
        }, true, true);
        useDeliveryDeduplication(context);

        bindWorker(context, settings, queues);
    }

    private static void bindWorker(CamelContext context, Settings settings, QueueSettings queues) throws Exception {
        Registry registry = context.getRegistry();
        HikariDataSource dataSource = Database.pool(settings.text("inbound.db.url"), settings.optionalText("inbound.db.user").orElse(""),
                settings.optionalText("inbound.db.password").orElse(""), Duration.ofMillis(settings.number("inbound.db.connect-timeout-ms")));
        context.addService(new ServiceSupport() {
            @Override
            protected void doStop() {
                dataSource.close();
            }
        }, true, true);
        SchemaMigrations.apply(dataSource);
        EventStore store = new EventStore(dataSource);
        Clock clock = Clock.systemUTC();
        registry.bind("dataSource", dataSource);
        registry.bind("eventStore", store);
        registry.bind("groupHoldBack", new GroupHoldBack(store, clock, queues.maxReceiveCount()));
        registry.bind("queuedEventReader", new QueuedEventReader(store, clock));
        registry.bind("schemaSelection", new SchemaSelection(settings.text("inbound.schemas.location"),
                Boolean.parseBoolean(settings.text("inbound.worker.strict-schemas"))));
        registry.bind("schemaValidation", new SchemaValidation());
        registry.bind("duplicateCheck", new DuplicateCheck(store));
        registry.bind("processorSelection", new ProcessorSelection());
        registry.bind("userProcessing", new UserProcessing());
        registry.bind("processedRecorder", new ProcessedRecorder(store, clock));
        registry.bind("deadLetterEnvelope", new DeadLetterEnvelope(clock));
        registry.bind("deadLetterRecorder", new DeadLetterRecorder(store));
        registry.bind("transientFailureRecorder", new TransientFailureRecorder(store, clock, queues.maxReceiveCount()));

        DeadLetterQueue deadLetters = new DeadLetterQueue(registry.lookupByNameAndType("sqsClient", SqsClient.class), queues);
        registry.bind("deadLetterReplay", new DeadLetterReplay(deadLetters, store, clock));
        registry.bind("directReplay", new DirectReplay(deadLetters, store, clock, WorkerRoute.ENDPOINT));
        registry.bind("adminAuth", new AdminAuth(settings.optionalText("inbound.admin.token")));
        registry.bind("eventStatusView", new EventStatusView(store));
        registry.bind("deadLetterList", new DeadLetterList(store));
        registry.bind("deadLetterView", new DeadLetterView(deadLetters, store));
        registry.bind("replayRequest", new ReplayRequest());
        registry.bind("singleReplayRequest", new SingleReplayRequest());
        registry.bind("replayAnswer", new ReplayAnswer());
        registry.bind("operatorErrorResponse", new OperatorErrorResponse());
    }

    private static ProviderCatalog loadCatalog(CamelContext context, String location, Function<String, Optional<String>> properties)
            throws IOException {
        try (InputStream yaml = ResourceHelper.resolveMandatoryResourceAsInputStream(context, location)) {
            return ProviderCatalog.read(yaml, location, Clock.systemUTC(), properties);
        }
    }

    /** camel-aws2-sqs accepts only its built-in deduplication strategies by name; ours is set as an object. */
    private static void useDeliveryDeduplication(CamelContext context) {
        Sqs2Component component = context.getComponent("aws2-sqs", Sqs2Component.class);
        Sqs2Configuration configuration = component.getConfiguration() != null ? component.getConfiguration() : new Sqs2Configuration();
        configuration.setMessageDeduplicationIdStrategy(new DeliveryDeduplication());
        component.setConfiguration(configuration);
    }
}
