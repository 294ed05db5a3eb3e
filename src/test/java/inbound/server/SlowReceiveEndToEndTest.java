package inbound.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import inbound.queue.EventAttributes;
import inbound.queue.SqsHeaders;
import inbound.testing.FreePort;
import inbound.testing.WebhookClient;
import inbound.testing.Webhooks;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One receive with several slowly failing groups outlasts the visibility timeout: the server shape
 * with two consumers, the embedded queue and a user processing route that calls a dependency which
 * accepts connections and never answers (each call ends in its read timeout) while an event is on its
 * first receive. A later message of that receive must not be started once the queue may have handed
 * it to the other consumer.
 */
class SlowReceiveEndToEndTest {

    private static final String SECRET = "shpss_deadline";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private ServerSocket unansweringDependency;
    private Main server;
    private final List<Run> runs = new CopyOnWriteArrayList<>();

    /** One run of the user's processing route: which event, on which receive, and whether it succeeded. */
    private record Run(String eventId, String group, int receiveCount, boolean succeeded) {
    }

    @BeforeEach
    void start() throws Exception {
        unansweringDependency = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Properties properties = new Properties();
        properties.put("inbound.http.port", String.valueOf(FreePort.find()));
        properties.put("inbound.http.host", "127.0.0.1");
        properties.put("inbound.sqs.port", String.valueOf(FreePort.find()));
        properties.put("inbound.data-dir", dir.resolve("data").toString());
        properties.put("inbound.provider.shopify.secret", SECRET);
        properties.put("inbound.db.url", "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        // started by the test once every event is queued, so that the first receive holds all of them
        properties.put("inbound.worker.enabled", "false");
        properties.put("inbound.worker.consumers", "2");
        properties.put("inbound.worker.visibility-timeout-seconds", "4");
        properties.put("inbound.worker.wait-seconds", "1");
        // a failing message takes four calls of 600 ms and 100 + 200 + 400 ms of backoff: about 3.1 s
        properties.put("inbound.worker.retries", "3");
        properties.put("inbound.worker.retry-delay-ms", "100");
        server = InboundServer.create(properties);
        server.configure().addRoutesBuilder(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:process-shopify").routeId("process-shopify").process(SlowReceiveEndToEndTest.this::callDependency);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
        unansweringDependency.close();
    }

    /** Shops named slow-* reach a dependency that does not answer on their event's first receive. */
    private void callDependency(Exchange exchange) throws IOException {
        String eventId = exchange.getMessage().getHeader(EventAttributes.EVENT_ID, String.class);
        String group = exchange.getMessage().getHeader(SqsHeaders.MESSAGE_GROUP_ID, String.class);
        int receiveCount = exchange.getMessage().getHeader(SqsHeaders.RECEIVE_COUNT, 1, Integer.class);
        if (group.startsWith("shopify:slow-") && receiveCount == 1) {
            runs.add(new Run(eventId, group, receiveCount, false));
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), unansweringDependency.getLocalPort()), 1000);
                socket.setSoTimeout(600);
                socket.getInputStream().read();
            }
            throw new IOException("the dependency did not answer");
        }
        runs.add(new Run(eventId, group, receiveCount, true));
    }

    private String send(WebhookClient client, String shop, int sequence) throws IOException {
        byte[] body = Webhooks.payload("shopify/orders-create.json")
                .replaceFirst("\\{", "{\"test_shop\": \"" + shop + "\", \"test_sequence\": " + sequence + ",").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> response = client.post("shopify", body,
                Webhooks.shopify(body, SECRET, UUID.randomUUID().toString(), shop, "orders/create"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return JSON.readTree(response.body()).path("id").asText();
    }

    @Test
    void shouldNotStartAMessageOfAReceiveOnceTheQueueMayHaveHandedItToAnotherConsumer() throws Exception {
        WebhookClient client = new WebhookClient(Integer.parseInt(server.getCamelContext().resolvePropertyPlaceholders("{{inbound.http.port}}")));
        Map<String, List<String>> sentByGroup = new LinkedHashMap<>();
        for (String shop : List.of("slow-1", "slow-2", "slow-3")) {
            sentByGroup.computeIfAbsent("shopify:" + shop, key -> new ArrayList<>()).add(send(client, shop, 1));
        }
        for (String shop : List.of("healthy-1", "healthy-2")) {
            for (int sequence = 1; sequence <= 2; sequence++) {
                sentByGroup.computeIfAbsent("shopify:" + shop, key -> new ArrayList<>()).add(send(client, shop, sequence));
            }
        }

        server.getCamelContext().getRouteController().startRoute("queue-consumer");

        await().atMost(Duration.ofSeconds(60)).until(() -> runs.stream().filter(Run::succeeded).count() == 7);
        // every event ran once to success, in the order of its group
        sentByGroup.forEach((group, sent) -> assertThat(runs.stream().filter(run -> run.succeeded() && run.group().equals(group)).map(Run::eventId))
                .as(group).containsExactlyElementsOf(sent));
        // and no run of an event came from an older receive of it than a run before it: no two consumers held it at once
        sentByGroup.values().stream().flatMap(List::stream).forEach(eventId -> assertThat(runs.stream()
                .filter(run -> run.eventId().equals(eventId)).map(Run::receiveCount).toList()).as(eventId).isSorted());
    }
}
