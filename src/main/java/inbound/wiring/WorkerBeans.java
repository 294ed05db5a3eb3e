package inbound.wiring;

import inbound.claimcheck.ClaimCheck;
import inbound.deadletter.DeadLetterEnvelope;
import inbound.deadletter.DeadLetterQueue;
import inbound.deadletter.DeadLetterRecorder;
import inbound.deadletter.DeadLetterReplay;
import inbound.deadletter.DeadLetterWriter;
import inbound.deadletter.DirectReplay;
import inbound.deadletter.ReplayDuringRestoreGuard;
import inbound.deadletter.ReplayWorker;
import inbound.queue.MessageVisibility;
import inbound.queue.QueueRestore;
import inbound.queue.QueueSettings;
import inbound.secrets.SecretUnavailable;
import inbound.store.EventStore;
import inbound.store.LazyDatabase;
import inbound.support.Flush;
import inbound.support.PipelineMetrics;
import inbound.worker.GroupHoldBack;
import inbound.worker.ProcessedRecorder;
import inbound.worker.ProcessorSelection;
import inbound.worker.QueuedEventReader;
import inbound.worker.ReceiveDeadline;
import inbound.worker.ReceiveLimit;
import inbound.worker.SchemaSelection;
import inbound.worker.SchemaValidation;
import inbound.worker.TransientFailureRecorder;
import inbound.worker.UserProcessing;
import inbound.worker.WorkerCircuitBreaker;
import inbound.worker.WorkerOutcomeCounter;
import java.sql.SQLTransientConnectionException;
import java.time.Clock;
import java.util.List;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;
import routes.WorkerRoute;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The database ({@link DatabaseBeans}), the worker route's steps and the dead-letter replay; after
 * {@link QueueBeans}. The {@link PipelineMetrics} bound before count the worker's outcomes and the replays.
 * A direct replay runs the worker as {@code replayWorker} says: in process or in the worker function.
 */
public class WorkerBeans implements CamelConfiguration {

    private final WorkerSettings settings;
    private final DatabaseSettings database;
    private final ReplayWorker replayWorker;

    public WorkerBeans(WorkerSettings settings, DatabaseSettings database, ReplayWorker replayWorker) {
        this.settings = settings;
        this.database = database;
        this.replayWorker = replayWorker;
    }

    @Override
    public void configure(CamelContext context) throws Exception {
        Registry registry = context.getRegistry();
        new DatabaseBeans(database).configure(context);
        LazyDatabase dataSource = registry.lookupByNameAndType("dataSource", LazyDatabase.class);
        EventStore store = registry.lookupByNameAndType("eventStore", EventStore.class);
        Flush databaseFlush = registry.lookupByNameAndType("databaseFlush", Flush.class);
        Clock clock = Clock.systemUTC();
        PipelineMetrics metrics = PipelineMetrics.of(context);
        context.getManagementStrategy().addEventNotifier(new WorkerOutcomeCounter(metrics, clock, WorkerRoute.ENDPOINT, WorkerRoute.RECEIVED));
        QueueSettings queues = registry.lookupByNameAndType("queueSettings", QueueSettings.class);
        MessageVisibility visibility = new MessageVisibility(registry.lookupByNameAndType("sqsClient", SqsClient.class), queues.queueName());
        registry.bind("receiveDeadline", new ReceiveDeadline(clock, settings.visibilityTimeout(),
                visibility::extend));
        registry.bind("groupHoldBack", new GroupHoldBack());
        ClaimCheck claimCheck = registry.lookupByNameAndType("claimCheck", ClaimCheck.class);
        registry.bind("queuedEventReader", new QueuedEventReader(store, clock, claimCheck));
        registry.bind("schemaSelection", new SchemaSelection(settings.schemasLocation(), settings.strictSchemas()));
        registry.bind("schemaValidation", new SchemaValidation());
        registry.bind("processorSelection", new ProcessorSelection());
        registry.bind("userProcessing", new UserProcessing());
        registry.bind("processedRecorder", new ProcessedRecorder(store, clock));
        registry.bind("deadLetterEnvelope", new DeadLetterEnvelope(clock));
        registry.bind("deadLetterWriter", new DeadLetterWriter(registry.lookupByNameAndType("sqsClient", SqsClient.class),
                queues.deadLetterQueueName(), registry.lookupByNameAndType("queueFlush", Flush.class)));
        registry.bind("receiveLimit", new ReceiveLimit(queues.maxReceiveCount()));
        registry.bind("deadLetterRecorder", new DeadLetterRecorder(store));
        registry.bind("workerCircuitBreaker", new WorkerCircuitBreaker(List.of(SQLTransientConnectionException.class, SecretUnavailable.class),
                settings.circuitBreakerFailures(), settings.circuitBreakerWindow(), settings.circuitBreakerProbeInterval(),
                dataSource, database.timeouts().connect()));
        registry.bind("transientFailureRecorder", new TransientFailureRecorder(store, clock, queues.maxReceiveCount()));

        DeadLetterQueue deadLetters = new DeadLetterQueue(registry.lookupByNameAndType("sqsClient", SqsClient.class), queues,
                settings.deadLetterVisitLimit());
        registry.bind("deadLetterQueue", deadLetters);
        registry.bind("replayDuringRestoreGuard", new ReplayDuringRestoreGuard(registry.lookupByNameAndType("queueRestore", QueueRestore.class)));
        registry.bind("deadLetterReplay", new DeadLetterReplay(deadLetters, store, clock, registry.lookupByNameAndType("queueFlush", Flush.class),
                metrics));
        registry.bind("directReplay", new DirectReplay(deadLetters, store, databaseFlush, clock, replayWorker, claimCheck,
                registry.lookupByNameAndType("queueFlush", Flush.class), metrics));
    }
}
