package inbound.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.reflect.Proxy;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.StatefulService;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The breaker on a route of its own: unreachable-database failures pause the consumer; the probe resumes it. */
class WorkerCircuitBreakerTest {

    private final AtomicBoolean databaseDown = new AtomicBoolean(true);
    private final AtomicInteger runs = new AtomicInteger();
    private final JdbcDataSource h2 = new JdbcDataSource();
    /** H2 in memory while it is up; while down, it refuses as the pool does when the database is unreachable. */
    private final DataSource database = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
            (proxy, method, arguments) -> {
                if (!method.getName().equals("getConnection") || method.getParameterCount() != 0) {
                    throw new UnsupportedOperationException(method.getName());
                }
                if (databaseDown.get()) {
                    throw new SQLTransientConnectionException("Connection is not available");
                }
                return h2.getConnection();
            });
    private final CamelContext context = new DefaultCamelContext();
    private WorkerCircuitBreaker breaker;
    private ProducerTemplate template;

    @BeforeEach
    void start() throws Exception {
        h2.setURL("jdbc:h2:mem:circuit-breaker;DB_CLOSE_DELAY=-1");
        breaker = new WorkerCircuitBreaker(List.of(SQLTransientConnectionException.class), 2, Duration.ofMinutes(1),
                Duration.ofMillis(100), database, Duration.ofSeconds(1));
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("seda:received?concurrentConsumers=2").routeId("consumer").routePolicy(breaker).errorHandler(noErrorHandler())
                        .process(exchange -> {
                            runs.incrementAndGet();
                            if (exchange.getMessage().getBody(String.class).equals("database")) {
                                database.getConnection().close();
                            } else {
                                throw new IllegalStateException("not a database failure");
                            }
                        });
            }
        });
        context.start();
        template = context.createProducerTemplate();
    }

    @AfterEach
    void stop() {
        context.stop();
    }

    private StatefulService consumer() {
        return (StatefulService) context.getRoute("consumer").getConsumer();
    }

    @Test
    void shouldPauseOnDatabaseFailuresOnlyAndResumeOnceTheProbeAnswers() {
        for (int i = 0; i < 5; i++) {
            template.sendBody("seda:received", "other");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> runs.get() == 5);
        assertThat(breaker.getStateAsString()).isEqualTo("closed");

        template.sendBody("seda:received", "database");
        template.sendBody("seda:received", "database");
        await().atMost(Duration.ofSeconds(10)).until(() -> breaker.getStateAsString().equals("opened"));
        assertThat(consumer().isSuspended() || consumer().isStopped()).isTrue();

        databaseDown.set(false);
        await().atMost(Duration.ofSeconds(10)).until(() -> breaker.getStateAsString().equals("closed") && consumer().isStarted());
    }
}
