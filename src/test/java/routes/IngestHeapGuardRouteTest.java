package routes;

import static inbound.testing.Webhooks.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import inbound.ingest.HeapAfterCollection;
import inbound.testing.Webhooks;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The heap guard in the ingest route, with a limit this JVM's heap is always over: refused first, nothing queued. */
class IngestHeapGuardRouteTest extends IngestRouteTestSupport {

    @Override
    protected Properties overrides() {
        Properties properties = new Properties();
        properties.put("inbound.provider.shopify.secret", "shpss_guard");
        properties.put("inbound.ingest.max-heap-percent-after-gc", "0");
        return properties;
    }

    @BeforeEach
    void collectGarbageSoThatTheHeapIsMeasured() {
        System.gc();
        await().atMost(Duration.ofSeconds(10)).until(() -> HeapAfterCollection.ofThisJvm().fraction() > 0);
    }

    @Test
    void shouldRefuseASignedEventWith503QueueBusyAndQueueNothing() throws Exception {
        byte[] body = utf8("{\"id\": 7}");

        Exchange answer = post("shopify", body, Webhooks.shopify(body, "shpss_guard", "d-heap", "acme.myshopify.com", "orders/create"));

        assertThat(answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class)).isEqualTo(503);
        assertThat(answer.getMessage().getHeader("Retry-After", String.class)).isEqualTo("5");
        assertThat(new ObjectMapper().readTree(answer.getMessage().getBody(String.class)).path("error").asText()).isEqualTo("queue_busy");
        queue.expectedMessageCount(0);
        queue.assertIsSatisfied();
    }

    @Test
    void shouldRefuseBeforeAnyOtherCheck() throws Exception {
        Exchange answer = post("no-such-provider", utf8("{}"), Map.of());

        assertThat(answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class)).as("not 404").isEqualTo(503);
    }
}
