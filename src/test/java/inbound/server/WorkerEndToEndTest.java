package inbound.server;

import static inbound.testing.Webhooks.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import inbound.cli.DlqCommand;
import inbound.testing.CapturedLogs;
import inbound.testing.FreePort;
import inbound.testing.ShippedSchemas;
import inbound.testing.TestPostgres;
import inbound.testing.WebhookClient;
import inbound.testing.Webhooks;
import inbound.worker.WorkerCircuitBreaker;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole story on the real parts: HTTP in, the embedded queue, the worker, a real PostgreSQL,
 * the dead-letter queue and the operator API.
 */
class WorkerEndToEndTest {

    private static final String SECRET = "shpss_worker";
    private static final String ADMIN_TOKEN = "operator-token-for-tests";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    private static TestPostgres postgres;
    private static Main server;
    private static WebhookClient client;
    private static int httpPort;
    private static Path schemas;
    private static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        postgres = TestPostgres.start(dir.resolve("postgres"));
        schemas = dir.resolve("schemas");
        ShippedSchemas.copyTo(schemas);
        httpPort = FreePort.find();
        Properties properties = new Properties();
        properties.put("inbound.http.port", String.valueOf(httpPort));
        properties.put("inbound.http.host", "127.0.0.1");
        properties.put("inbound.sqs.port", String.valueOf(FreePort.find()));
        properties.put("inbound.data-dir", dir.resolve("data").toString());
        properties.put("inbound.provider.shopify.secret", SECRET);
        properties.put("inbound.admin.token", ADMIN_TOKEN);
        properties.put("inbound.db.url", postgres.jdbcUrl());
        properties.put("inbound.db.user", postgres.user());
        properties.put("inbound.db.password", postgres.password());
        properties.put("inbound.schemas.location", "file:" + schemas);
        // redelivery within seconds; an attempt against a database that is down (two tries of 250 ms) fits well inside it
        properties.put("inbound.worker.visibility-timeout-seconds", "3");
        properties.put("inbound.db.connect-timeout-ms", "250");
        properties.put("inbound.worker.retries", "1");
        properties.put("inbound.worker.retry-delay-ms", "50");
        properties.put("inbound.queue.max-receive-count", "20");
        server = InboundServer.create(properties);
        server.start();
        client = new WebhookClient(httpPort);
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop();
        postgres.close();
    }

    private static String send(String body, String shop) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> response = client.post("shopify", bytes,
                Webhooks.shopify(bytes, SECRET, UUID.randomUUID().toString(), shop, "orders/create"));
        assertThat(response.statusCode()).isEqualTo(202);
        return JSON.readTree(response.body()).path("id").asText();
    }

    private static HttpResponse<String> operator(String method, String path, String body, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode operatorJson(String method, String path, String body) throws Exception {
        HttpResponse<String> response = operator(method, path, body, ADMIN_TOKEN);
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** Runs the dlq command line against this server and returns what it printed. */
    private static String dlq(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = DlqCommand.run(args, Map.of("INBOUND_URL", "http://127.0.0.1:" + httpPort, "INBOUND_ADMIN_TOKEN", ADMIN_TOKEN),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String status(String eventId) throws Exception {
        HttpResponse<String> response = operator("GET", "/events/" + eventId, null, ADMIN_TOKEN);
        return response.statusCode() == 200 ? JSON.readTree(response.body()).path("status").asText() : "unknown";
    }

    private static List<Map<String, Object>> rows(String groupId) throws Exception {
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), postgres.password());
                PreparedStatement query = connection.prepareStatement(
                        "SELECT seq, event_id, payload FROM processed_events WHERE group_id = ? ORDER BY seq")) {
            query.setString(1, groupId);
            List<Map<String, Object>> rows = new ArrayList<>();
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    Map<String, Object> row = new HashMap<>();
                    row.put("seq", result.getLong(1));
                    row.put("eventId", result.getString(2));
                    row.put("payload", JSON.readTree(result.getString(3)));
                    rows.add(row);
                }
            }
            return rows;
        }
    }

    @Test
    void shouldProcessAValidEventIntoARow() throws Exception {
        String eventId = send(Webhooks.payload("shopify/orders-create.json"), "valid.myshopify.com");

        await().atMost(Duration.ofSeconds(30)).until(() -> status(eventId).equals("processed"));
        assertThat(rows("shopify:valid.myshopify.com")).extracting(row -> row.get("eventId")).containsExactly(eventId);
    }

    @Test
    void shouldProcessACapturedBodyRepostedUnderANewWebhookIdOnce() throws Exception {
        byte[] captured = utf8(Webhooks.payload("shopify/orders-create.json").replaceFirst("\\{", "{\"test_capture\": \"replayed\","));
        HttpResponse<String> original = client.post("shopify", captured,
                Webhooks.shopify(captured, SECRET, UUID.randomUUID().toString(), "replayed.myshopify.com", "orders/create"));
        String eventId = JSON.readTree(original.body()).path("id").asText();
        await().atMost(Duration.ofSeconds(30)).until(() -> status(eventId).equals("processed"));

        HttpResponse<String> replayed = client.post("shopify", captured,
                Webhooks.shopify(captured, SECRET, UUID.randomUUID().toString(), "replayed.myshopify.com", "orders/create"));
        // a later event of the same group is processed only after the replay, had it been queued
        String later = send(Webhooks.payload("shopify/orders-create.json").replaceFirst("\\{", "{\"test_capture\": \"later\","), "replayed.myshopify.com");

        assertThat(replayed.statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> status(later).equals("processed"));
        assertThat(rows("shopify:replayed.myshopify.com")).extracting(row -> row.get("eventId")).containsExactly(eventId, later);
    }

    @Test
    void shouldDeadLetterInvalidEventsThenProcessThemAfterTheSchemaIsFixed() throws Exception {
        String invalid = Webhooks.payload("shopify/orders-create-invalid.json");
        String first = send(invalid, "fix.myshopify.com");
        // another order with the same fault: a byte-identical body would be the same event again
        String second = send(invalid.replaceFirst("\\{", "{\"test_order\": 2,"), "fix.myshopify.com");
        await().atMost(Duration.ofSeconds(30)).until(() -> status(first).equals("dead_lettered") && status(second).equals("dead_lettered"));

        JsonNode listed = operatorJson("GET", "/dead-letters", null);
        assertThat(listed.path("items").findValuesAsText("id")).contains(first, second);
        JsonNode shown = operatorJson("GET", "/dead-letters/" + first, null);
        assertThat(shown.path("payload").asText()).isEqualTo(invalid);
        assertThat(shown.path("attributes").path("errorCode").asText()).isEqualTo("schema_violation");
        assertThat(shown.path("attributes").path("errorMessage").asText()).contains("total_price");
        assertThat(shown.path("attributes").path("provider").asText()).isEqualTo("shopify");
        assertThat(operator("GET", "/dead-letters", null, null).statusCode()).isEqualTo(401);
        assertThat(operator("GET", "/dead-letters", null, "wrong").statusCode()).isEqualTo(401);

        assertThat(dlq("list")).contains(first, second, "schema_violation");
        assertThat(dlq("show", first)).contains("errorMessage", "total_price", "payload:", "\"currency\"");
        assertThat(dlq("replay", "--error", "schema_violation", "--dry-run")).contains("2 dead letter(s) match; none moved");

        JsonNode stillBroken = operatorJson("POST", "/dead-letters/" + first + "/replay?mode=direct", null);
        assertThat(stillBroken.path("outcome").asText()).isEqualTo("failed");
        assertThat(stillBroken.path("errorCode").asText()).isEqualTo("schema_violation");
        assertThat(status(first)).isEqualTo("dead_lettered");

        // the fix: this shop sends total_price as a number and may leave out line_items
        Path schema = schemas.resolve("shopify/orders-create.json");
        ObjectNode fixed = (ObjectNode) JSON.readTree(Files.readString(schema));
        ((ObjectNode) fixed.path("properties").path("total_price")).removeAll().putArray("type").add("string").add("number");
        ((ArrayNode) fixed.path("required")).removeIf(field -> field.asText().equals("line_items"));
        Files.writeString(schema, fixed.toString());

        JsonNode direct = operatorJson("POST", "/dead-letters/" + first + "/replay?mode=direct", null);
        assertThat(direct.path("outcome").asText()).as(direct.toString()).isEqualTo("processed");
        assertThat(status(first)).isEqualTo("processed");

        JsonNode dryRun = operatorJson("POST", "/dead-letters/replay", "{\"error\": \"schema_violation\", \"dryRun\": true}");
        assertThat(dryRun.path("matched").asInt()).isEqualTo(1);
        assertThat(dryRun.path("moved").asInt()).isZero();
        JsonNode replayed = operatorJson("POST", "/dead-letters/replay", "{\"ids\": [\"" + second + "\"]}");
        assertThat(replayed.path("moved").asInt()).isEqualTo(1);

        await().atMost(Duration.ofSeconds(30)).until(() -> status(second).equals("processed"));
        assertThat(operatorJson("GET", "/events/" + second, null).path("replayCount").asInt()).isEqualTo(1);
        assertThat(rows("shopify:fix.myshopify.com")).extracting(row -> row.get("eventId")).containsExactlyInAnyOrder(first, second);
        assertThat(operatorJson("GET", "/dead-letters", null).path("items").findValuesAsText("id")).doesNotContain(first, second);
    }

    @Test
    void shouldAnswerADirectReplayOfAnEventWithoutADeadLetterWith404AndEchoNothingOfTheRequest() throws Exception {
        HttpResponse<String> answer = operator("POST", "/dead-letters/" + UUID.randomUUID() + "/replay?mode=direct", null, ADMIN_TOKEN);

        assertThat(answer.statusCode()).as(answer.headers().map() + " " + answer.body()).isEqualTo(404);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(JSON.readTree(answer.body()).path("error").asText()).isEqualTo("not_found");
        assertThat(JSON.readTree(answer.body()).path("message").asText()).isNotBlank();
        assertThat(answer.headers().firstValue("Authorization")).isEmpty();
        assertThat(answer.body()).doesNotContain(ADMIN_TOKEN);
    }

    @Test
    void shouldDelayButLoseNothingWhileTheDatabaseIsDown() throws Exception {
        String body = Webhooks.payload("shopify/orders-create.json");
        postgres.stop();
        List<String> sent = new ArrayList<>();
        try (CapturedLogs circuit = new CapturedLogs(WorkerCircuitBreaker.class)) {
            for (int i = 0; i < 5; i++) {
                sent.add(send(body.replaceFirst("\\{", "{\"test_outage\": " + i + ","), "outage-" + i + ".myshopify.com"));
            }
            // the worker could not write them and stopped receiving until the database answers again
            await().atMost(Duration.ofSeconds(60)).until(() ->
                    circuit.events().stream().anyMatch(event -> event.getFormattedMessage().contains("stops receiving")));
        } finally {
            postgres.restart();
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> sent.stream().allMatch(id -> {
            try {
                return status(id).equals("processed");
            } catch (Exception e) {
                return false;
            }
        }));
    }

    @Test
    void shouldKeepOrderWithinEachGroupWhileGroupsRunInParallel() throws Exception {
        String body = Webhooks.payload("shopify/orders-create.json");
        ExecutorService senders = Executors.newFixedThreadPool(3);
        try {
            List<Future<?>> groups = new ArrayList<>();
            for (int group = 0; group < 3; group++) {
                String shop = "order-" + group + ".myshopify.com";
                groups.add(senders.submit(() -> {
                    for (int sequence = 0; sequence < 100; sequence++) {
                        send(body.replaceFirst("\\{", "{\"test_shop\": \"" + shop + "\", \"test_sequence\": " + sequence + ","), shop);
                    }
                    return null;
                }));
            }
            for (Future<?> group : groups) {
                group.get();
            }
        } finally {
            senders.shutdown();
        }

        for (int group = 0; group < 3; group++) {
            String groupId = "shopify:order-" + group + ".myshopify.com";
            await().atMost(Duration.ofSeconds(120)).until(() -> rows(groupId).size() == 100);
            assertThat(rows(groupId)).extracting(row -> ((JsonNode) row.get("payload")).path("test_sequence").asInt())
                    .containsExactlyElementsOf(IntStream.range(0, 100).boxed().toList());
        }
    }
}
