package inbound.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import inbound.testing.InProcessInbound;
import inbound.testing.TestPostgres;
import inbound.testing.WebhookClient;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

/**
 * The operator API's event search on a million events in PostgreSQL, over HTTP on a running server: each
 * query's time next to the one baseline measured in the same run, {@code GET /events/{id}} (a look-up by
 * primary key). Writes target/bench/search.json. Not a test: {@code mvn -q -Psearch-bench -DskipTests verify}.
 */
public final class SearchBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "search-bench-token";
    private static final int EVENTS = Integer.getInteger("bench.searchEvents", 1_000_000);
    private static final int WARMUP = 5;
    private static final int RUNS = 30;

    private SearchBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path workDir = Files.createDirectories(Path.of("target", "bench", "search-" + UUID.randomUUID()));
        ObjectNode report = JSON.createObjectNode().put("events", EVENTS).put("runsPerQuery", RUNS);
        report.putObject("machine").put("cores", Runtime.getRuntime().availableProcessors())
                .put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        try (TestPostgres postgres = TestPostgres.start(workDir.resolve("postgres"))) {
            Properties properties = new Properties();
            properties.put("inbound.admin.token", TOKEN);
            properties.put("inbound.db.url", postgres.jdbcUrl());
            properties.put("inbound.db.user", postgres.user());
            properties.put("inbound.db.password", postgres.password());
            properties.put("inbound.worker.enabled", "false");
            try (InProcessInbound server = InProcessInbound.create(workDir.resolve("data"), properties).start()) {
                long loadStart = System.nanoTime();
                load(postgres);
                report.put("loadSeconds", (System.nanoTime() - loadStart) / 1_000_000_000.0);
                WebhookClient client = server.client();
                String someEvent = "event-" + (EVENTS / 2);
                Map<String, String> queries = new LinkedHashMap<>();
                queries.put("baseline: GET /events/{id}", "/events/" + someEvent);
                queries.put("newest page, no filter", "/events?size=25");
                queries.put("by delivery id", "/events?id=delivery-" + (EVENTS / 3));
                queries.put("provider and status", "/events?provider=github&status=processed&size=25");
                queries.put("dead letters of an error", "/events?status=dead_lettered&error=schema_violation&size=25");
                queries.put("message group", "/events?group=shopify:shop-17.myshopify.com&size=25");
                queries.put("received within an hour", "/events?from=2026-11-20T10:00:00Z&to=2026-11-20T11:00:00Z&size=25");
                queries.put("page 40 of everything", "/events?page=40&size=25");
                queries.put("payload text, found", "/events?q=" + URLEncoder.encode("marmalade", StandardCharsets.UTF_8) + "&size=25");
                queries.put("payload text, found nowhere", "/events?q=" + URLEncoder.encode("no such words anywhere", StandardCharsets.UTF_8));
                ArrayNode rows = report.putArray("queries");
                double baseline = 0;
                for (Map.Entry<String, String> query : queries.entrySet()) {
                    ObjectNode row = measure(client, query.getKey(), query.getValue());
                    if (baseline == 0) {
                        baseline = row.path("p50Ms").asDouble();
                    }
                    row.put("p50VsBaseline", row.path("p50Ms").asDouble() / baseline);
                    rows.add(row);
                }
            }
        }
        Files.writeString(Path.of("target", "bench", "search.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(report));
        System.out.printf("%,d events in PostgreSQL, loaded in %.0f s; %d runs of each query after %d to warm up%n", EVENTS,
                report.path("loadSeconds").asDouble(), RUNS, WARMUP);
        System.out.printf("%-32s %9s %9s %9s %8s%n", "query", "p50 ms", "max ms", "x base", "items");
        for (JsonNode row : report.path("queries")) {
            System.out.printf("%-32s %9.2f %9.2f %9.1f %8d%n", row.path("query").asText(), row.path("p50Ms").asDouble(),
                    row.path("maxMs").asDouble(), row.path("p50VsBaseline").asDouble(), row.path("items").asInt());
        }
        System.out.println("written: target/bench/search.json");
    }

    /**
     * A million events as the worker would have left them: statuses (one in fifty dead-lettered), three
     * providers, 200 message groups, received over 14 days, and ~2 KB payloads of which one in a hundred
     * holds the word searched for. Written by PostgreSQL itself, so that the load is not what is measured.
     */
    private static void load(TestPostgres postgres) throws Exception {
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), postgres.password());
                Statement statement = connection.createStatement()) {
            statement.execute("SET statement_timeout = 0");
            String received = "TIMESTAMP WITH TIME ZONE '2026-11-15T00:00:00Z' + (n * INTERVAL '1209 milliseconds')";
            String provider = "(ARRAY['shopify','github','stripe'])[1 + n % 3]";
            statement.execute("INSERT INTO event_status (event_id, provider, topic, delivery_id, group_id, received_at, status, error_code, "
                    + "error_message, failed_stage, receive_count, replay_count, updated_at) SELECT 'event-' || n, " + provider + ", 'orders/create', "
                    + "'delivery-' || n, " + provider + " || ':shop-' || (n % 200) || '.myshopify.com', " + received + ", "
                    + "CASE WHEN n % 50 = 0 THEN 'dead_lettered' ELSE 'processed' END, CASE WHEN n % 50 = 0 THEN 'schema_violation' END, "
                    + "CASE WHEN n % 50 = 0 THEN 'The event does not match its schema' END, CASE WHEN n % 50 = 0 THEN 'validate' END, 1, 0, "
                    + received + " + INTERVAL '1 second' FROM generate_series(1, " + EVENTS + ") AS n");
            statement.execute("INSERT INTO processed_events (event_id, provider, topic, delivery_id, group_id, received_at, processed_at, payload) "
                    + "SELECT 'event-' || n, " + provider + ", 'orders/create', 'delivery-' || n, " + provider + " || ':shop-' || (n % 200) "
                    + "|| '.myshopify.com', " + received + ", " + received + " + INTERVAL '1 second', '{\"id\": ' || n || ', \"note\": \"' "
                    + "|| CASE WHEN n % 100 = 7 THEN 'Seville marmalade' ELSE 'plain order' END || '\", \"lines\": \"' "
                    + "|| repeat(md5(n::text), 60) || '\"}' FROM generate_series(1, " + EVENTS + ") AS n WHERE n % 50 <> 0");
            statement.execute("ANALYZE");
        }
    }

    private static ObjectNode measure(WebhookClient client, String name, String path) throws Exception {
        List<Double> times = new ArrayList<>();
        int items = 0;
        for (int i = 0; i < WARMUP + RUNS; i++) {
            long start = System.nanoTime();
            HttpResponse<String> answer = client.operatorGet(path, TOKEN);
            double millis = (System.nanoTime() - start) / 1_000_000.0;
            if (answer.statusCode() != 200) {
                throw new IllegalStateException(name + ": " + answer.statusCode() + " " + answer.body());
            }
            if (i >= WARMUP) {
                times.add(millis);
            }
            JsonNode body = JSON.readTree(answer.body());
            items = body.has("items") ? body.path("items").size() : 1;
        }
        Collections.sort(times);
        return JSON.createObjectNode().put("query", name).put("path", path).put("items", items)
                .put("p50Ms", times.get(times.size() / 2)).put("maxMs", times.get(times.size() - 1));
    }
}
