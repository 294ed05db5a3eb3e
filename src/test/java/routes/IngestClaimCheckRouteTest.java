package routes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import inbound.claimcheck.PayloadPointer;
import inbound.embedded.FilePayloadStore;
import inbound.queue.EventAttributes;
import inbound.testing.StoredPayloads;
import inbound.testing.Webhooks;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

/** The ingest route with the embedded queue's default: every body is stored under the data directory and queued as a pointer. */
class IngestClaimCheckRouteTest extends IngestRouteTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "shpss_claim_check";

    @Override
    protected Properties overrides() {
        Properties properties = new Properties();
        properties.put("inbound.provider.shopify.secret", SECRET);
        return properties;
    }

    private Path payloads() {
        return Path.of(context.resolvePropertyPlaceholders("{{inbound.data-dir}}")).resolve("payloads");
    }

    private Exchange post(byte[] body, String webhookId) {
        return post("shopify", body, Webhooks.shopify(body, SECRET, webhookId, "acme.myshopify.com", "orders/create"));
    }

    private List<Path> storedFiles() {
        return new StoredPayloads(payloads().getParent()).files();
    }

    @Test
    void shouldStoreTheExactBytesAndQueueAPointerInTheExtendedClientsFormat() throws Exception {
        byte[] body = "{\"id\": 1, \"note\": \"caf\u00e9 \u2713 \u2028\"}".getBytes(StandardCharsets.UTF_8);

        Exchange answer = post(body, "claim-1");

        assertThat(answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class)).isEqualTo(202);
        String eventId = JSON.readTree(answer.getMessage().getBody(String.class)).path("id").asText();
        Exchange queued = queue.getReceivedExchanges().get(0);
        JsonNode pointer = JSON.readTree(queued.getMessage().getBody(byte[].class));
        assertThat(pointer.get(0).asText()).isEqualTo("software.amazon.payloadoffloading.PayloadS3Pointer");
        assertThat(pointer.get(1).path("s3BucketName").asText()).isEqualTo(FilePayloadStore.BUCKET);
        String key = pointer.get(1).path("s3Key").asText();
        assertThat(key).startsWith(eventId + ".");
        assertThat(queued.getMessage().getHeader(PayloadPointer.SIZE_ATTRIBUTE)).isEqualTo(String.valueOf(body.length));
        assertThat(queued.getMessage().getHeader(EventAttributes.EVENT_ID)).isEqualTo(eventId);
        assertThat(storedFiles()).hasSize(1);
        assertThat(Files.readAllBytes(storedFiles().get(0))).isEqualTo(body);
        assertThat(storedFiles().get(0).getFileName().toString()).isEqualTo(key);
    }

    @Test
    void shouldStoreARetriedDeliveryOnceUnderTheSameKey() throws Exception {
        byte[] body = "{\"id\": 2}".getBytes(StandardCharsets.UTF_8);

        post(body, "claim-retried");
        post(body, "claim-retried");

        assertThat(queue.getReceivedExchanges()).hasSize(2);
        assertThat(queue.getReceivedExchanges().get(1).getMessage().getBody(String.class))
                .isEqualTo(queue.getReceivedExchanges().get(0).getMessage().getBody(String.class));
        assertThat(storedFiles()).hasSize(1);
    }

    @Test
    void shouldAnswer503AndQueueNothingWhenTheBodyCannotBeStored() throws Exception {
        Files.createDirectories(payloads().getParent());
        // a file where the folder should be: no body can be stored, as on a full or read-only disk
        Files.writeString(payloads(), "not a folder");

        Exchange answer = post("{\"id\": 3}".getBytes(StandardCharsets.UTF_8), "claim-unstored");

        assertThat(answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class)).isEqualTo(503);
        assertThat(answer.getMessage().getHeader("Retry-After")).isNotNull();
        assertThat(JSON.readTree(answer.getMessage().getBody(String.class)).path("error").asText()).isNotBlank();
        assertThat(queue.getReceivedExchanges()).isEmpty();
    }
}
