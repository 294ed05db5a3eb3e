package inbound.server;

import static inbound.testing.Webhooks.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import inbound.claimcheck.PayloadPointer;
import inbound.queue.EventAttributes;
import inbound.queue.TraceHeader;
import inbound.testing.FreePort;
import inbound.testing.InboundProcess;
import inbound.testing.ProcessedEvents;
import inbound.testing.QueueReader;
import inbound.testing.StoredPayloads;
import inbound.testing.Webhooks;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * What was answered 202 is still queued, with its trace, after the process is killed with SIGKILL and started again;
 * what the worker processed and deleted from the queue is still in the database after a SIGKILL.
 * The server runs as the run command starts it.
 */
class RestartDurabilityTest {

    private static final String SECRET = "shpss_durable";
    private static final int EVENTS = 40;

    @TempDir
    Path dir;

    @Test
    void shouldKeepEveryAcceptedEventWithItsTraceAcrossAKill9() throws Exception {
        int httpPort = FreePort.find();
        int sqsPort = FreePort.find();
        Map<String, String> environment = new HashMap<>(InboundProcess.embeddedQueueWithoutWorker(sqsPort, dir.resolve("data"), SECRET));
        environment.put("INBOUND_LOG_FORMAT", "json");
        ObjectMapper json = new ObjectMapper();
        Set<String> accepted = new HashSet<>();

        try (InboundProcess first = InboundProcess.start(environment, httpPort, dir.resolve("first.log"))) {
            for (int i = 0; i < EVENTS; i++) {
                byte[] body = utf8("{\"id\": " + i + "}");
                HttpResponse<String> response = first.client().post("shopify", body,
                        Webhooks.shopify(body, SECRET, "delivery-" + i, "shop-" + (i % 4) + ".myshopify.com", "orders/create"));
                assertThat(response.statusCode()).isEqualTo(202);
                accepted.add(json.readTree(response.body()).path("id").asText());
            }
            first.kill();
        }

        // the trace each accepted event was queued with, as the first process logged it
        Map<String, String> traces = new HashMap<>();
        for (String line : Files.readAllLines(dir.resolve("first.log"))) {
            JsonNode logged = json.readTree(line);
            if (logged.path("logger").asText().equals("inbound.ingest.IngestResponses")) {
                traces.put(logged.path("eventId").asText(), logged.path("traceId").asText());
            }
        }
        try (InboundProcess second = InboundProcess.start(environment, httpPort, dir.resolve("second.log"));
                QueueReader queue = new QueueReader(sqsPort, "webhook-events.fifo")) {
            Map<String, String> queued = new HashMap<>();
            queue.drain().forEach(message -> queued.put(QueueReader.attribute(message, EventAttributes.EVENT_ID),
                    TraceHeader.ofSystemAttributes(message.attributesAsStrings()).map(TraceHeader::traceId).orElse("none")));

            assertThat(queued.keySet()).isEqualTo(accepted);
            assertThat(queued).as("each re-sent with the trace it was accepted with").isEqualTo(traces);
        }
    }

    /**
     * The embedded queue (ElasticMQ 1.7.1) writes bodies to its database with the JVM's default charset,
     * which Java 17 with no locale (most container images) makes ASCII: the run command sets UTF-8. By
     * default the body is stored aside and only its pointer is queued; with a claim-check threshold above
     * it, the body itself is in the queue's file.
     */
    @ParameterizedTest(name = "claim-check threshold {0}")
    @ValueSource(strings = {"", "1048576"})
    void shouldKeepANonAsciiBodyByteForByteAcrossAKill9WithNoLocale(String claimCheckThreshold) throws Exception {
        int httpPort = FreePort.find();
        int sqsPort = FreePort.find();
        Map<String, String> environment = new HashMap<>(InboundProcess.embeddedQueueWithoutWorker(sqsPort, dir.resolve("data"), SECRET));
        environment.put("INBOUND_CLAIM_CHECK_THRESHOLD_BYTES", claimCheckThreshold);
        byte[] body = utf8("{\"note\": \"café ✓ line\u2028separator\"}");

        try (InboundProcess first = InboundProcess.with(environment, httpPort, dir.resolve("first.log")).withoutLocale().start()) {
            assertThat(first.client().post("shopify", body,
                    Webhooks.shopify(body, SECRET, "delivery-1", "acme.myshopify.com", "orders/create")).statusCode()).isEqualTo(202);
            first.kill();
        }

        try (InboundProcess second = InboundProcess.with(environment, httpPort, dir.resolve("second.log")).withoutLocale().start();
                QueueReader queue = new QueueReader(sqsPort, "webhook-events.fifo")) {
            List<Message> queued = queue.drain();

            assertThat(queued).hasSize(1);
            assertThat(queued.get(0).messageAttributes().containsKey(PayloadPointer.SIZE_ATTRIBUTE)).isEqualTo(claimCheckThreshold.isEmpty());
            assertThat(new StoredPayloads(dir.resolve("data")).body(queued.get(0))).isEqualTo(body);
        }
    }

    @Test
    void shouldKeepEveryProcessedEventWhoseMessageTheWorkerDeletedAcrossAKill9() throws Exception {
        int httpPort = FreePort.find();
        int sqsPort = FreePort.find();
        Path data = dir.resolve("worker-data");
        Map<String, String> environment = Map.of(
                "INBOUND_SQS_PORT", String.valueOf(sqsPort),
                "INBOUND_DATA_DIR", data.toString(),
                "INBOUND_PROVIDER_SHOPIFY_SECRET", SECRET);
        ObjectMapper json = new ObjectMapper();
        Set<String> accepted = new HashSet<>();

        try (InboundProcess inbound = InboundProcess.start(environment, httpPort, dir.resolve("worker.log"));
                QueueReader queue = new QueueReader(sqsPort, "webhook-events.fifo")) {
            for (int i = 0; i < EVENTS; i++) {
                byte[] body = utf8("{\"id\": " + i + ", \"domain\": null}");
                HttpResponse<String> response = inbound.client().post("shopify", body,
                        Webhooks.shopify(body, SECRET, "delivery-" + i, "shop-" + (i % 4) + ".myshopify.com", "app/uninstalled"));
                assertThat(response.statusCode()).isEqualTo(202);
                accepted.add(json.readTree(response.body()).path("id").asText());
            }
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20)).until(() -> {
                Map<String, String> attributes = queue.queueAttributes();
                return "0".equals(attributes.get("ApproximateNumberOfMessages")) && "0".equals(attributes.get("ApproximateNumberOfMessagesNotVisible"));
            });
            inbound.kill();
        }

        assertThat(ProcessedEvents.payloadsById(data).keySet()).isEqualTo(accepted);
    }
}
