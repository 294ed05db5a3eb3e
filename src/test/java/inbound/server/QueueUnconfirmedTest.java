package inbound.server;

import static inbound.testing.Webhooks.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import inbound.testing.FreePort;
import inbound.testing.MisansweringSqs;
import inbound.testing.WebhookClient;
import inbound.testing.Webhooks;
import java.net.http.HttpResponse;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;

/**
 * Inbound pointed at a queue whose answer to a SendMessageBatch names the entry neither sent nor
 * refused: nothing confirmed the event is stored, so the provider is told 503 to send it again, never 202.
 */
class QueueUnconfirmedTest {

    private static final String SECRET = "shpss_queue_unconfirmed";

    @Test
    void shouldAnswer503WithRetryAfterWhenTheQueueDoesNotConfirmTheEvent() throws Exception {
        int httpPort = FreePort.find();
        try (MisansweringSqs queue = MisansweringSqs.namingNoEntry()) {
            Main server = InboundServer.create(ExternalQueueSettings.of(queue.endpoint(), httpPort, SECRET));
            server.start();
            try {
                byte[] body = utf8("{\"id\": 1}");

                HttpResponse<String> answer = new WebhookClient(httpPort).post("shopify", body,
                        Webhooks.shopify(body, SECRET, "unconfirmed", "acme.myshopify.com", "orders/create"));

                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(503);
                assertThat(answer.headers().firstValue("Retry-After")).isPresent();
                JsonNode error = new ObjectMapper().readTree(answer.body());
                assertThat(error.path("error").asText()).isEqualTo("queue_unavailable");
                assertThat(error.has("id")).isFalse();
            } finally {
                server.stop();
            }
        }
    }
}
