package inbound.embedded;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.Props;
import org.apache.pekko.pattern.Patterns;
import org.elasticmq.Limits;
import org.elasticmq.NodeAddress;
import org.elasticmq.actor.QueueManagerActor;
import org.elasticmq.actor.queue.QueueEvent;
import org.elasticmq.persistence.sql.SqlQueuePersistenceActor;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.TheSQSRestServerBuilder;
import org.elasticmq.server.config.ElasticMQServerConfig;
import org.elasticmq.util.NowProvider;
import scala.Option;
import scala.util.Either;

/**
 * ElasticMQ's queues (its actors, with SQL persistence) started apart from its SQS endpoint, so that Inbound
 * can work on the restored queues through an endpoint of its own before any other client can reach them.
 * {@code ElasticMQServer.start()} does both at once; this does the same steps with ElasticMQ's own actors,
 * and lets the caller open and close endpoints on them.
 */
final class ElasticMqInstance implements AutoCloseable {

    /** One SQS endpoint on the instance's queues. */
    final class Endpoint implements AutoCloseable {
        private final SQSRestServer server;
        private final URI uri;

        private Endpoint(SQSRestServer server, URI uri) {
            this.server = server;
            this.uri = uri;
        }

        URI uri() {
            return uri;
        }

        @Override
        public void close() {
            server.stopAndWait();
        }
    }

    private final ElasticMQServerConfig config;
    private final ActorSystem actorSystem;
    private final ActorRef persistence;
    private final ActorRef queueManager;

    private ElasticMqInstance(ElasticMQServerConfig config, ActorSystem actorSystem, ActorRef persistence, ActorRef queueManager) {
        this.config = config;
        this.actorSystem = actorSystem;
        this.persistence = persistence;
        this.queueManager = queueManager;
    }

    /** Creates the configured queues and restores what the persistence holds; returns once that is done. */
    static ElasticMqInstance start(ElasticMQServerConfig config, Duration timeout) {
        ActorSystem actorSystem = ActorSystem.create("elasticmq");
        ActorRef persistence = actorSystem.actorOf(Props.create(SqlQueuePersistenceActor.class,
                () -> new SqlQueuePersistenceActor(config.sqlQueuePersistenceConfig(), config.baseQueues())));
        ActorRef queueManager = actorSystem.actorOf(Props.create(QueueManagerActor.class,
                () -> new QueueManagerActor(new NowProvider(), limits(config), Option.apply(persistence))));
        ElasticMqInstance instance = new ElasticMqInstance(config, actorSystem, persistence, queueManager);
        try {
            instance.restore(timeout);
            return instance;
        } catch (RuntimeException e) {
            instance.close();
            throw e;
        }
    }

    /** An endpoint on {@code host}:{@code port} whose queue URLs name {@code address} ({@code null}: the bound host and port). */
    Endpoint openEndpoint(String host, int port, NodeAddress address) {
        SQSRestServer server = new TheSQSRestServerBuilder(Option.apply(actorSystem), Option.apply(queueManager), host, port,
                address == null ? new NodeAddress("http", host, port, "") : address, address == null, limits(config),
                config.awsRegion(), config.awsAccountId(), Option.apply(persistence), config.autoCreateQueues()).start();
        int bound = server.waitUntilStarted().localAddress().getPort();
        return new Endpoint(server, URI.create("http://" + host + ":" + bound));
    }

    /** The endpoint ElasticMQ's configuration names ({@code rest-sqs.bind-*}, {@code node-address}). */
    Endpoint openConfiguredEndpoint() {
        return openEndpoint(config.restSqs().bindHostname(), config.restSqs().bindPort(), config.nodeAddress());
    }

    @Override
    public void close() {
        actorSystem.terminate();
        try {
            actorSystem.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("ElasticMQ did not stop within 30 s", e);
        }
    }

    private void restore(Duration timeout) {
        Object result;
        try {
            result = Patterns.ask(persistence, new QueueEvent.Restore(queueManager), timeout).toCompletableFuture().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while ElasticMQ restored its queues", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("ElasticMQ did not restore its queues within " + timeout + " (see its log)", e.getCause());
        }
        if (result instanceof Either<?, ?> either && either.isLeft()) {
            throw new IllegalStateException("ElasticMQ could not restore its queues: " + either.left().get());
        }
    }

    private static Limits limits(ElasticMQServerConfig config) {
        return (Limits) config.restSqs().sqsLimits();
    }
}
