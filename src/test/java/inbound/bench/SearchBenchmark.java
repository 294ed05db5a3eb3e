package inbound.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import inbound.operator.OverviewView;
import inbound.queue.QueueDepth;
import inbound.store.EventStatus;
import inbound.store.EventStore;
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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;

/**
 * The operator API's event search on a million events in PostgreSQL, over HTTP on a running server: each
 * query's time next to the one baseline measured in the same run, {@code GET /events/{id}} (a look-up by
 * primary key). Then the Lambda shape's overview, counted from the same events' history (two transitions
 * each), in process next to its own baseline, the event store's look-up of one event by id. Writes
 * target/bench/search.json. Not a test: {@code mvn -q -Psearch-bench -DskipTests verify}.
 */
public final class SearchBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "search-bench-token";
    private static final int EVENTS = Integer.getInteger("bench.searchEvents", 1_000_000);
    private static final int WARMUP = 5;
    private static final int RUNS = 30;
    /** The loaded events are received one every 1,209 ms from here: a million over 14 days. */
    private static final Instant LOAD_STARTS = Instant.parse("2026-11-15T00:00:00Z");

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
                report.set("historyOverview", measureHistoryOverview(server, someEvent));
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
        JsonNode overview = report.path("historyOverview");
        System.out.printf("%nThe Lambda shape's overview from %,d history rows, in process (the last hour holds %,d transitions)%n",
                overview.path("historyRows").asLong(), overview.path("lastHourTransitions").asLong());
        for (JsonNode row : overview.path("queries")) {
            System.out.printf("%-32s %9.2f %9.2f %9.1f%n", row.path("query").asText(), row.path("p50Ms").asDouble(),
                    row.path("maxMs").asDouble(), row.path("p50VsBaseline").asDouble());
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
            String received = "TIMESTAMP WITH TIME ZONE '" + LOAD_STARTS + "' + (n * INTERVAL '1209 milliseconds')";
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
            // as the worker leaves them: accepted when received, then processed or dead-lettered a second later
            statement.execute("INSERT INTO event_history (event_id, status, receive_count, replay_count, happened_at) "
                    + "SELECT 'event-' || n, 'accepted', 1, 0, " + received + " FROM generate_series(1, " + EVENTS + ") AS n");
            statement.execute("INSERT INTO event_history (event_id, status, error_code, error_message, failed_stage, receive_count, replay_count, "
                    + "happened_at) SELECT 'event-' || n, CASE WHEN n % 50 = 0 THEN 'dead_lettered' ELSE 'processed' END, "
                    + "CASE WHEN n % 50 = 0 THEN 'schema_violation' END, CASE WHEN n % 50 = 0 THEN 'The event does not match its schema' END, "
                    + "CASE WHEN n % 50 = 0 THEN 'validate' END, 1, 0, " + received + " + INTERVAL '1 second' FROM generate_series(1, " + EVENTS + ") AS n");
            statement.execute("ANALYZE");
        }
    }

    /**
     * The overview the Lambda shape's console answers, counted from the history at the moment the loaded events
     * end (so that the last hour is as busy as the rest), run in process as the console function runs it,
     * with the event store's look-up by id as its baseline.
     */
    private static ObjectNode measureHistoryOverview(InProcessInbound server, String someEvent) throws Exception {
        EventStore store = server.eventStore();
        Clock endOfLoad = Clock.fixed(LOAD_STARTS.plusMillis(1209L * EVENTS), ZoneOffset.UTC);
        OverviewView overview = OverviewView.countedFromHistory(store, new QueueDepth(server.sqsClient(), "webhook-events.fifo"),
                new QueueDepth(server.sqsClient(), "webhook-events-dlq.fifo"), endOfLoad, Duration.ofDays(14), Optional.empty());
        CamelContext camel = new DefaultCamelContext();
        ObjectNode result = JSON.createObjectNode().put("historyRows", 2L * EVENTS)
                .put("lastHourTransitions", store.transitionsSince(endOfLoad.instant().minus(Duration.ofHours(1)),
                        List.of(EventStatus.ACCEPTED, EventStatus.PROCESSED, EventStatus.DEAD_LETTERED)).values().stream()
                        .flatMap(states -> states.values().stream()).mapToLong(Long::longValue).sum());
        ArrayNode rows = result.putArray("queries");
        ObjectNode baseline = time("baseline: EventStore.status(id)", () -> store.status(someEvent));
        rows.add(baseline.put("p50VsBaseline", 1.0));
        ObjectNode counted = time("overview from the history", () -> {
            Exchange exchange = new DefaultExchange(camel);
            overview.process(exchange);
            return exchange.getMessage().getBody();
        });
        rows.add(counted.put("p50VsBaseline", counted.path("p50Ms").asDouble() / baseline.path("p50Ms").asDouble()));
        return result;
    }

    private static ObjectNode time(String name, Callable<Object> work) throws Exception {
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < WARMUP + RUNS; i++) {
            long start = System.nanoTime();
            work.call();
            if (i >= WARMUP) {
                times.add((System.nanoTime() - start) / 1_000_000.0);
            }
        }
        return summary(name, times);
    }

    private static ObjectNode summary(String name, List<Double> times) {
        Collections.sort(times);
        return JSON.createObjectNode().put("query", name).put("p50Ms", times.get(times.size() / 2)).put("maxMs", times.get(times.size() - 1));
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
        return summary(name, times).put("path", path).put("items", items);
    }
}
