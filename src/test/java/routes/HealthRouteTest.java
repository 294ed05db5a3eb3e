package routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import inbound.claimcheck.ClaimCheck;
import inbound.embedded.EmbeddedQueueDurability;
import inbound.health.HealthCheck;
import inbound.ingest.QueueFullGuard;
import inbound.queue.EmbeddedQueueBound;
import inbound.queue.QueueBacklog;
import inbound.queue.QueueSettings;
import inbound.support.Flush;
import inbound.support.FlushFailed;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.builder.RouteBuilder;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * The health route, entered at {@code direct:health}, with stand-ins for the routes it watches and the queue
 * in memory: 200 only while the webhook routes (and the worker, where enabled) run and the queue answers.
 */
class HealthRouteTest extends InboundRouteTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HEALTH = "direct:health";
    /** 10 messages or 1,000 bytes, in a share of the heap too large to matter; taken again below 9 messages and 900 bytes. */
    private static final EmbeddedQueueBound BOUND = new EmbeddedQueueBound(10, 1_000,
            new EmbeddedQueueBound.HeapCost(1024 * 1024 * 1024, 50, 1, 1), 90);

    private InMemorySqs sqs;
    private QueueSettings queues;
    private HealthCheck healthCheck;
    private volatile QueueBacklog.Held held = new QueueBacklog.Held(0, 0);

    @Override
    protected Properties overrides() {
        return new Properties();
    }

    @Override
    protected RoutesBuilder[] createRouteBuilders() {
        return new RoutesBuilder[] {new HealthRoute(), new RouteBuilder() {
            @Override
            public void configure() {
                // stand-ins for the routes /health watches, by their ids
                from("direct:stand-in-ingest").routeId("ingest").log("ingest");
                from("direct:stand-in-webhook-http").routeId("webhook-http").log("webhook-http");
                from("direct:stand-in-queue-consumer").routeId("queue-consumer").log("queue-consumer");
            }
        }};
    }

    /** The health check and the queue-full guard as Inbound wires them, over a queue and a backlog in memory. */
    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        queues = context.getRegistry().lookupByNameAndType("queueSettings", QueueSettings.class);
        sqs = new InMemorySqs(queues.queueName(), queues.deadLetterQueueName());
        healthCheck = new HealthCheck(sqs, queues, true);
        // by name, whatever its type: a test may swap the check it delegates to
        context.getRegistry().unbind("healthCheck");
        context.getRegistry().bind("healthCheck", (Processor) exchange -> healthCheck.process(exchange));
        context.getRegistry().bind("queueFullGuard", new QueueFullGuard(new QueueBacklog() {
            @Override
            public Held held() {
                return held;
            }

            @Override
            public void countSend(long bodyBytes) {
                // the guard counts sends only for events, and none come here
            }
        }, BOUND, ClaimCheck.NONE));
        return context;
    }

    @BeforeEach
    void enterAtADirectEndpoint() throws Exception {
        AdviceWith.adviceWith(context, "health", route -> route.replaceFromWith(HEALTH));
        context.start();
    }

    private Exchange health() {
        return template.send(HEALTH, exchange -> exchange.getMessage().setHeader("Authorization", "Bearer not-echoed"));
    }

    private static void assertHealth(Exchange answer, int status, String expectedJson) throws Exception {
        assertThat(answer.getException()).isNull();
        assertThat(answer.getMessage().getHeaders()).containsOnlyKeys(Exchange.HTTP_RESPONSE_CODE, Exchange.CONTENT_TYPE);
        assertThat(answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).as(answer.getMessage().getBody(String.class)).isEqualTo(status);
        assertThat(answer.getMessage().getHeader(Exchange.CONTENT_TYPE)).isEqualTo("application/json");
        assertThat(JSON.readTree(answer.getMessage().getBody(String.class))).isEqualTo(JSON.readTree(expectedJson));
    }

    @Test
    void shouldAnswer200WhenTheRoutesRunAndTheQueueAnswers() throws Exception {
        assertHealth(health(), 200, "{\"status\": \"UP\", \"routes\": \"UP\", \"queue\": \"UP\"}");
    }

    @Test
    void shouldAnswer503WhileAWatchedRouteIsStopped() throws Exception {
        for (String route : new String[] {"ingest", "webhook-http", "queue-consumer"}) {
            context.getRouteController().stopRoute(route);

            assertHealth(health(), 503, "{\"status\": \"DOWN\", \"routes\": \"DOWN\", \"queue\": \"UP\"}");

            context.getRouteController().startRoute(route);
            assertHealth(health(), 200, "{\"status\": \"UP\", \"routes\": \"UP\", \"queue\": \"UP\"}");
        }
    }

    @Test
    void shouldNotWatchTheQueueConsumerWhereTheWorkerIsDisabled() throws Exception {
        healthCheck = new HealthCheck(sqs, queues, false);
        context.getRouteController().stopRoute("queue-consumer");

        assertHealth(health(), 200, "{\"status\": \"UP\", \"routes\": \"UP\", \"queue\": \"UP\"}");
    }

    @Test
    void shouldAnswer503WhenTheQueueDoesNotAnswerOrDoesNotExist() throws Exception {
        sqs.failWith(() -> SdkClientException.create("Unable to execute HTTP request: Connection refused"));
        assertHealth(health(), 503, "{\"status\": \"DOWN\", \"routes\": \"UP\", \"queue\": \"DOWN\"}");

        sqs.failWith(null);
        healthCheck = new HealthCheck(sqs, new QueueSettings("no-such-queue.fifo", queues.deadLetterQueueName(), 5), true);
        assertHealth(health(), 503, "{\"status\": \"DOWN\", \"routes\": \"UP\", \"queue\": \"DOWN\"}");
    }

    @Test
    void shouldStayUpButSaySoWhileTheEmbeddedQueueIsTooFullForNewEvents() throws Exception {
        held = new QueueBacklog.Held(10, 100);
        assertHealth(health(), 200, "{\"status\": \"UP\", \"routes\": \"UP\", \"queue\": \"UP\", \"ingest\": \"queue_full\"}");

        held = new QueueBacklog.Held(8, 100);
        assertHealth(health(), 200, "{\"status\": \"UP\", \"routes\": \"UP\", \"queue\": \"UP\"}");
    }

    @Test
    void shouldAnswer503WithTheReasonOnceTheEmbeddedQueueCannotKeepWhatItAccepts() throws Exception {
        JdbcDataSource queueFile = new JdbcDataSource();
        queueFile.setURL("jdbc:h2:mem:health-queue-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        try (Connection connection = queueFile.getConnection(); Statement statement = connection.createStatement()) {
            // the note of written messages, empty: the queue confirmed a message it never wrote
            statement.execute("CREATE TABLE inbound_written_messages (message_id VARCHAR PRIMARY KEY, written_at BIGINT NOT NULL)");
        }
        EmbeddedQueueDurability durability = new EmbeddedQueueDurability(Flush.NONE, queueFile, queues.queueName());
        assertThatThrownBy(() -> durability.flushConfirmed(List.of("confirmed-not-written"))).isInstanceOf(FlushFailed.class);
        String reason = durability.brokenReason().orElseThrow();

        context.getRegistry().bind("queueFlush", durability);

        assertHealth(health(), 503, JSON.createObjectNode().put("status", "DOWN").put("routes", "UP").put("queue", "DOWN")
                .put("reason", reason).toString());
    }
}
