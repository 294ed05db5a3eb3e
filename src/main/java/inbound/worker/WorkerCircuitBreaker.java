package inbound.worker;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.apache.camel.Route;
import org.apache.camel.throttling.ThrottlingExceptionRoutePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops the server's queue consumer while the database is unreachable, so that an outage does not
 * burn the receive counts of the queued events into the dead-letter queue: once {@code failures}
 * receives failed because the database (or what it needs, such as its password secret) could not be
 * reached, the last of them within {@code window}, the consumer is suspended; every
 * {@code probeInterval} a probe asks the pool for a connection that answers, and the consumer resumes
 * when it does. Camel's {@link ThrottlingExceptionRoutePolicy} does the counting and the suspending;
 * this adds the probe, schedules it itself, and says when the worker pauses and resumes. Other
 * failures (a schema violation, a message held back behind its group) do not count.
 */
public final class WorkerCircuitBreaker extends ThrottlingExceptionRoutePolicy {

    private static final Logger LOG = LoggerFactory.getLogger(WorkerCircuitBreaker.class);

    private final DataSource database;
    private final int probeTimeoutSeconds;
    private ScheduledExecutorService probes;

    public WorkerCircuitBreaker(List<Class<?>> unavailable, int failures, Duration window, Duration probeInterval,
            DataSource database, Duration probeTimeout) {
        super(failures, window.toMillis(), probeInterval.toMillis(), unavailable);
        this.database = database;
        this.probeTimeoutSeconds = (int) Math.max(1, probeTimeout.toSeconds());
        setHalfOpenHandler(this::databaseAnswers);
    }

    private boolean databaseAnswers() {
        try (Connection connection = database.getConnection()) {
            return connection.isValid(probeTimeoutSeconds);
        } catch (SQLException | RuntimeException stillDown) {
            LOG.debug("The database does not answer yet: {}", stillDown.getMessage());
            return false;
        }
    }

    @Override
    protected synchronized void doStop() throws Exception {
        if (probes != null) {
            probes.shutdownNow();
            probes = null;
        }
        super.doStop();
    }

    /**
     * Camel's own half-open timer is replaced: when both consumers' failures opened the circuit at
     * once, the first timer to fire cancelled the other's and, finding the circuit opened too recently,
     * scheduled none, and the worker stayed paused for good.
     */
    @Override
    protected synchronized void addHalfOpenTimer(Route route) {
        if (probes == null) {
            probes = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "worker-circuit-breaker-probe");
                thread.setDaemon(true);
                return thread;
            });
        }
        probes.schedule(() -> probe(route), getHalfOpenAfter(), TimeUnit.MILLISECONDS);
    }

    private void probe(Route route) {
        if (!"opened".equals(getStateAsString())) {
            return;
        }
        if (databaseAnswers()) {
            closeCircuit(route);
        } else {
            addHalfOpenTimer(route);
        }
    }

    @Override
    protected void openCircuit(Route route) {
        if (!"opened".equals(getStateAsString())) {
            LOG.warn("The database is unreachable: the worker stops receiving and tries it every {} ms; queued events wait", getHalfOpenAfter());
        }
        super.openCircuit(route);
    }

    @Override
    protected void closeCircuit(Route route) {
        if (!"closed".equals(getStateAsString())) {
            LOG.info("The database answers again: the worker resumes receiving");
        }
        super.closeCircuit(route);
    }
}
