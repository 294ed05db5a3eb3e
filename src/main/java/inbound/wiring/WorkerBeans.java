package inbound.wiring;

import inbound.support.StopsWithContext;
import inbound.secrets.SecretUnavailable;
import inbound.secrets.SecretValues;
import inbound.settings.Settings;
import inbound.deadletter.DeadLetterQueue;
import inbound.deadletter.DeadLetterReplay;
import inbound.deadletter.DirectReplay;
import inbound.deadletter.ReplayWorker;
import inbound.queue.MessageVisibility;
import inbound.queue.QueueSettings;
import inbound.store.DatabaseTimeouts;
import inbound.store.EventStore;
import inbound.store.H2Checkpoint;
import inbound.support.Flush;
import inbound.store.LazyDatabase;
import inbound.deadletter.DeadLetterEnvelope;
import inbound.deadletter.DeadLetterRecorder;
import inbound.deadletter.DeadLetterWriter;
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
import java.sql.SQLTransientConnectionException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The database, the worker route's steps and the dead-letter replay; after {@link QueueBeans}.
 * A direct replay runs the worker as {@code replayWorker} says: in process or in the worker function.
 */
public class WorkerBeans implements CamelConfiguration {

    private final ReplayWorker replayWorker;

    public WorkerBeans(ReplayWorker replayWorker) {
        this.replayWorker = replayWorker;
    }

    @Override
    public void configure(CamelContext context) throws Exception {
        Settings settings = new Settings(context);
        Registry registry = context.getRegistry();
        SecretValues secrets = SecretValues.of(context);
        LazyDatabase dataSource = StopsWithContext.closeOnStop(context, new LazyDatabase(settings.text("inbound.db.url"),
                settings.optionalText("inbound.db.user").orElse(""), () -> secrets.value("inbound.db.password").orElse(""),
                new DatabaseTimeouts(Duration.ofMillis(settings.number("inbound.db.connect-timeout-ms")),
                        Duration.ofMillis(settings.number("inbound.db.socket-timeout-ms")),
                        Duration.ofMillis(settings.number("inbound.db.statement-timeout-ms"))),
                (int) settings.number("inbound.db.pool-size")));
        if (Boolean.parseBoolean(settings.text("inbound.db.connect-at-start"))) {
            dataSource.prepare();
        }
        EventStore store = new EventStore(dataSource);
        Flush databaseFlush = H2Checkpoint.forDatabase(settings.text("inbound.db.url"), dataSource, "the database");
        Clock clock = Clock.systemUTC();
        QueueSettings queues = registry.lookupByNameAndType("queueSettings", QueueSettings.class);
        registry.bind("dataSource", dataSource);
        registry.bind("eventStore", store);
        registry.bind("databaseFlush", databaseFlush);
        MessageVisibility visibility = new MessageVisibility(registry.lookupByNameAndType("sqsClient", SqsClient.class), queues.queueName());
        registry.bind("receiveDeadline", new ReceiveDeadline(clock, Duration.ofSeconds(settings.number("inbound.worker.visibility-timeout-seconds")),
                visibility::extend));
        registry.bind("groupHoldBack", new GroupHoldBack());
        registry.bind("queuedEventReader", new QueuedEventReader(store, clock));
        registry.bind("schemaSelection", new SchemaSelection(settings.text("inbound.schemas.location"),
                Boolean.parseBoolean(settings.text("inbound.worker.strict-schemas"))));
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
                (int) settings.number("inbound.worker.circuit-breaker.failures"),
                Duration.ofMillis(settings.number("inbound.worker.circuit-breaker.window-ms")),
                Duration.ofMillis(settings.number("inbound.worker.circuit-breaker.probe-interval-ms")),
                dataSource, Duration.ofMillis(settings.number("inbound.db.connect-timeout-ms"))));
        registry.bind("transientFailureRecorder", new TransientFailureRecorder(store, clock, queues.maxReceiveCount()));

        DeadLetterQueue deadLetters = new DeadLetterQueue(registry.lookupByNameAndType("sqsClient", SqsClient.class), queues,
                Duration.ofMillis(settings.number("inbound.dlq.visit-limit-ms")));
        registry.bind("deadLetterQueue", deadLetters);
        registry.bind("deadLetterReplay", new DeadLetterReplay(deadLetters, store, clock));
        registry.bind("directReplay", new DirectReplay(deadLetters, store, databaseFlush, clock, replayWorker));
    }
}
