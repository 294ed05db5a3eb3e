package routes;

import static inbound.testing.Webhooks.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import inbound.claimcheck.ClaimCheck;
import inbound.ingest.QueueFullGuard;
import inbound.queue.EmbeddedQueueBound;
import inbound.queue.QueueBacklog;
import inbound.testing.Webhooks;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

/**
 * The embedded queue's bound in the ingest route, over a backlog the test sets: at the bound signed events
 * are refused with 503 queue_full and Retry-After, and taken again only once the backlog is below the resume mark.
 */
class IngestQueueFullRouteTest extends IngestRouteTestSupport {

    private static final String SECRET = "shpss_full";
    /** 10 messages or 1,000 bytes, in a share of the heap too large to matter; taken again below 9 messages and 900 bytes. */
    private static final EmbeddedQueueBound BOUND = new EmbeddedQueueBound(10, 1_000,
            new EmbeddedQueueBound.HeapCost(1024 * 1024 * 1024, 50, 1, 1), 90);

    private final FakeBacklog backlog = new FakeBacklog();
    private int deliveries;

    @Override
    protected Properties overrides() {
        Properties properties = new Properties();
        properties.put("inbound.provider.shopify.secret", SECRET);
        return properties;
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        context.getRegistry().bind("queueFullGuard", new QueueFullGuard(backlog, BOUND,
                context.getRegistry().lookupByNameAndType("claimCheck", ClaimCheck.class)));
        return context;
    }

    @Test
    void shouldQueueAnEventBelowTheBoundAndCountTheBodyTheQueueHolds() throws Exception {
        backlog.held = new QueueBacklog.Held(9, 500);

        Exchange answer = signedEvent("{\"id\": 1}");

        assertThat(status(answer)).isEqualTo(202);
        queue.expectedMessageCount(1);
        queue.assertIsSatisfied();
        // the embedded default stores the body aside: the queue holds its pointer
        assertThat(backlog.sends).containsExactly((long) queue.getReceivedExchanges().get(0).getMessage().getBody(byte[].class).length);
    }

    @Test
    void shouldRefuseWith503QueueFullAndRetryAfterAtTheMessageBound() throws Exception {
        backlog.held = new QueueBacklog.Held(10, 500);

        Exchange answer = signedEvent("{\"id\": 2}");

        assertThat(status(answer)).isEqualTo(503);
        assertThat(answer.getMessage().getHeader("Retry-After", String.class)).isEqualTo("5");
        assertThat(new ObjectMapper().readTree(answer.getMessage().getBody(String.class)).path("error").asText()).isEqualTo("queue_full");
        assertThat(backlog.sends).isEmpty();
        queue.expectedMessageCount(0);
        queue.assertIsSatisfied();
    }

    @Test
    void shouldRefuseAtTheByteBoundWithFewMessages() {
        backlog.held = new QueueBacklog.Held(1, 1_000);

        assertThat(status(signedEvent("{\"id\": 3}"))).isEqualTo(503);
    }

    @Test
    void shouldKeepRefusingUntilTheBacklogIsBelowTheResumeMarkThenTakeEventsAgain() {
        backlog.held = new QueueBacklog.Held(10, 0);
        assertThat(status(signedEvent("{\"id\": 4}"))).isEqualTo(503);

        backlog.held = new QueueBacklog.Held(9, 0);
        assertThat(status(signedEvent("{\"id\": 5}"))).as("below the bound, not below the resume mark").isEqualTo(503);
        backlog.held = new QueueBacklog.Held(8, 900);
        assertThat(status(signedEvent("{\"id\": 6}"))).as("bytes not below the resume mark").isEqualTo(503);

        backlog.held = new QueueBacklog.Held(8, 899);
        assertThat(status(signedEvent("{\"id\": 7}"))).isEqualTo(202);
        backlog.held = new QueueBacklog.Held(9, 950);
        assertThat(status(signedEvent("{\"id\": 8}"))).as("taking events again up to the bound").isEqualTo(202);
    }

    @Test
    void shouldAnswerABadSignatureWith401NotQueueFull() {
        backlog.held = new QueueBacklog.Held(10, 0);
        byte[] body = utf8("{\"id\": 9}");

        Exchange answer = post("shopify", body, Webhooks.shopify(body, "wrong-secret", "d-bad", "acme.myshopify.com", "orders/create"));

        assertThat(status(answer)).as("only what would be queued counts, or is refused as full").isEqualTo(401);
    }

    private Exchange signedEvent(String json) {
        byte[] body = utf8(json);
        return post("shopify", body, Webhooks.shopify(body, SECRET, "d-" + deliveries++, "acme.myshopify.com", "orders/create"));
    }

    private static Integer status(Exchange answer) {
        return answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
    }

    private static final class FakeBacklog implements QueueBacklog {

        private volatile Held held = new Held(0, 0);
        private final List<Long> sends = new ArrayList<>();

        @Override
        public Held held() {
            return held;
        }

        @Override
        public synchronized void countSend(long bodyBytes) {
            sends.add(bodyBytes);
        }
    }
}
