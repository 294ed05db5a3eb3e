package inbound.server;

import inbound.claimcheck.ClaimCheck;
import inbound.deadletter.InProcessReplayWorker;
import inbound.health.HealthCheck;
import inbound.operator.AdminAuth;
import inbound.operator.OverviewView;
import inbound.queue.BatchedDeletes;
import inbound.queue.QueueDepth;
import inbound.queue.QueueSettings;
import inbound.secrets.SecretValues;
import inbound.store.EventStore;
import inbound.store.StatusListener;
import inbound.support.EventLogContext;
import inbound.support.Flush;
import inbound.support.MinuteTally;
import inbound.support.PipelineMetrics;
import inbound.support.StopsWithContext;
import inbound.wiring.IngestBeans;
import inbound.wiring.OperatorAccess;
import inbound.wiring.OperatorBeans;
import inbound.wiring.ProviderBeans;
import inbound.wiring.ProviderChecks;
import inbound.wiring.QueueBeans;
import inbound.wiring.RetentionBeans;
import inbound.wiring.WorkerBeans;
import inbound.worker.ConsumedMessage;
import java.time.Clock;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import routes.WorkerRoute;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The server shape's beans: every part, in one process, from its {@link ServerSettings} (the
 * {@code inbound.*} properties, each overridable by its environment variable, e.g.
 * {@code inbound.max-body-bytes} by {@code INBOUND_MAX_BODY_BYTES}); its log lines name the event each concerns
 * ({@link EventLogContext}). The Lambda functions each take only the parts they need.
 */
public class InboundConfiguration implements CamelConfiguration {

    @Override
    public void configure(CamelContext context) throws Exception {
        ServerSettings settings = ServerSettings.of(context);
        context.getCamelContextExtension().addInterceptStrategy(new EventLogContext());
        SecretValues secrets = SecretValues.bind(context, settings.secretsManager());
        new ProviderBeans(ProviderChecks.SIGNATURES, settings.providers()).configure(context);
        ServerMetrics metrics = StopsWithContext.closeOnStop(context, new ServerMetrics());
        context.getRegistry().bind(PipelineMetrics.BEAN, metrics);
        new QueueBeans(settings.queues(), new ServerQueue(settings.queueLocation(), settings.sqsClient(), settings.claimCheck(),
                settings.ingest().maxMessageBytes())).configure(context);
        new IngestBeans(settings.ingest()).configure(context);
        Clock clock = Clock.systemUTC();
        MinuteTally workerTally = new MinuteTally(clock);
        context.getRegistry().bind("statusListener", (StatusListener) status -> workerTally.count(status.provider(), status.status()));
        new WorkerBeans(settings.worker(), settings.database(), new InProcessReplayWorker(WorkerRoute.ENDPOINT)).configure(context);
        new OperatorBeans(OperatorAccess.HTTP_API_AND_COMMANDS).configure(context);
        SqsClient sqs = context.getRegistry().lookupByNameAndType("sqsClient", SqsClient.class);
        QueueSettings queues = settings.queues();
        context.getRegistry().bind("batchedDeletes", new BatchedDeletes(sqs,
                context.getRegistry().lookupByNameAndType("databaseFlush", Flush.class), queues.queueName(),
                context.getRegistry().lookupByNameAndType("claimCheck", ClaimCheck.class),
                context.getRegistry().lookupByNameAndType("queueFlush", Flush.class)));
        context.getRegistry().bind("consumedMessage", new ConsumedMessage());
        new RetentionBeans(settings.retention()).configure(context);
        MinuteTally ingestTally = new MinuteTally(clock);
        context.getManagementStrategy().addEventNotifier(new IngestAnswerTally(ingestTally, metrics));
        metrics.queue("main", new QueueDepth(sqs, queues.queueName()));
        metrics.queue("dlq", new QueueDepth(sqs, queues.deadLetterQueueName()));
        context.getRegistry().bind("metricsAuth", AdminAuth.openWhenUnset(() -> secrets.value("inbound.metrics.token")));
        context.getRegistry().bind("metricsAnswer", new MetricsAnswer(metrics));
        context.getRegistry().bind("overviewView", OverviewView.countedInThisProcess(ingestTally, workerTally, new QueueDepth(sqs, queues.queueName()),
                new QueueDepth(sqs, queues.deadLetterQueueName()), clock, settings.retention().retention()));
        context.getRegistry().bind("healthCheck", new HealthCheck(sqs, queues, settings.workerStart().enabled()));
    }
}
