package inbound.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * {@code dlq}: the operator API from the command line, for operators without curl.
 * {@code dlq list [--page N] [--size N]}, {@code dlq show ID},
 * {@code dlq replay (--all | --ids A,B | --provider P | --topic T | --error CODE)... [--dry-run]},
 * {@code dlq replay ID --direct}. Talks to {@code INBOUND_URL} (default http://localhost:8080) with
 * {@code INBOUND_ADMIN_TOKEN}.
 */
public final class DlqCommand {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String USAGE = """
            usage: dlq list [--page N] [--size N]
                   dlq show EVENT_ID
                   dlq replay (--all | --ids ID,ID | --provider P | --topic T | --error CODE)... [--dry-run]
                   dlq replay EVENT_ID --direct      run one dead letter through the worker now
            environment: INBOUND_URL (default http://localhost:8080), INBOUND_ADMIN_TOKEN""";

    private final String baseUrl;
    private final String token;
    private final PrintStream out;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    DlqCommand(Map<String, String> environment, PrintStream out) {
        this.baseUrl = environment.getOrDefault("INBOUND_URL", "http://localhost:8080").replaceAll("/+$", "");
        this.token = environment.getOrDefault("INBOUND_ADMIN_TOKEN", "");
        this.out = out;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    /** @return the process exit code: 0 done, 1 refused or failed, 2 wrong usage */
    public static int run(String[] args, Map<String, String> environment, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.println(USAGE);
            return 2;
        }
        DlqCommand command = new DlqCommand(environment, out);
        try {
            List<String> rest = List.of(args).subList(1, args.length);
            return switch (args[0]) {
                case "list" -> command.list(rest);
                case "show" -> command.show(rest);
                case "replay" -> command.replay(rest);
                default -> throw new UsageException("unknown command '" + args[0] + "'");
            };
        } catch (UsageException e) {
            err.println("dlq: " + e.getMessage());
            err.println(USAGE);
            return 2;
        } catch (RefusedException e) {
            err.println("dlq: " + e.getMessage());
            return 1;
        } catch (ConnectException e) {
            err.println("dlq: Inbound does not answer at " + command.baseUrl + " (set INBOUND_URL)");
            return 1;
        } catch (IOException e) {
            err.println("dlq: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    private int list(List<String> args) throws IOException, InterruptedException {
        Options options = Options.parse(args, List.of("--page", "--size"), List.of());
        JsonNode page = call("GET", "/dead-letters?page=" + options.value("--page", "1") + "&size=" + options.value("--size", "50"), null);
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"EVENT ID", "PROVIDER", "TOPIC", "ERROR", "RECEIVES", "REPLAYS", "DEAD SINCE"});
        for (JsonNode item : page.path("items")) {
            rows.add(new String[] {item.path("id").asText(), item.path("provider").asText(), item.path("topic").asText(""),
                    item.path("reason").path("code").asText(""), item.path("receiveCount").asText(), item.path("replayCount").asText(),
                    item.path("updatedAt").asText()});
        }
        printTable(rows);
        out.printf("%d dead letter(s); page %d of size %d%n", page.path("total").asLong(), page.path("page").asInt(), page.path("size").asInt());
        return 0;
    }

    private int show(List<String> args) throws IOException, InterruptedException {
        if (args.size() != 1) {
            throw new UsageException("show takes one event id");
        }
        JsonNode letter = call("GET", "/dead-letters/" + encode(args.get(0)), null);
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"ATTRIBUTE", "VALUE"});
        letter.path("attributes").fields().forEachRemaining(field -> rows.add(new String[] {field.getKey(), field.getValue().asText()}));
        printTable(rows);
        out.println();
        if (letter.has("payload")) {
            out.println("payload:");
            out.println(letter.path("payload").asText());
        } else {
            out.println(letter.path("status").path("status").asText() + " (" + letter.path("status").path("reason").path("code").asText() + "): "
                    + letter.path("message").asText());
        }
        return 0;
    }

    private int replay(List<String> args) throws IOException, InterruptedException {
        Options options = Options.parse(args, List.of("--ids", "--provider", "--topic", "--error"), List.of("--all", "--dry-run", "--direct"));
        if (options.flag("--direct")) {
            if (options.positional().size() != 1) {
                throw new UsageException("replay --direct takes one event id");
            }
            JsonNode outcome = call("POST", "/dead-letters/" + encode(options.positional().get(0)) + "/replay?mode=direct", null);
            out.println(outcome.path("outcome").asText().equals("processed")
                    ? "processed: the event is now a row, and left the dead-letter queue"
                    : "failed: " + outcome.path("errorCode").asText() + " - " + outcome.path("errorMessage").asText() + " (it stays in the dead-letter queue)");
            return outcome.path("outcome").asText().equals("processed") ? 0 : 1;
        }
        if (!options.positional().isEmpty()) {
            throw new UsageException("give the filter as options, or one event id with --direct");
        }
        ObjectNode filter = JSON.createObjectNode();
        options.optionalValue("--ids").ifPresent(ids -> Arrays.stream(ids.split(",")).map(String::trim).forEach(filter.putArray("ids")::add));
        options.optionalValue("--provider").ifPresent(value -> filter.put("provider", value));
        options.optionalValue("--topic").ifPresent(value -> filter.put("topic", value));
        options.optionalValue("--error").ifPresent(value -> filter.put("error", value));
        filter.put("all", options.flag("--all"));
        filter.put("dryRun", options.flag("--dry-run"));
        JsonNode result = call("POST", "/dead-letters/replay", filter.toString());
        out.printf(result.path("dryRun").asBoolean() ? "%d dead letter(s) match; none moved (dry run)%n" : "%d matched, %d moved back to the queue%n",
                result.path("matched").asInt(), result.path("moved").asInt());
        if (!result.path("complete").asBoolean(true)) {
            out.println("stopped at its time limit: more dead letters may match; run the same command again");
        }
        return 0;
    }

    private JsonNode call(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(120))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        JsonNode json;
        try {
            json = JSON.readTree(response.body());
        } catch (IOException notJson) {
            throw new RefusedException("HTTP " + response.statusCode() + " from " + path);
        }
        if (response.statusCode() != 200) {
            throw new RefusedException(json.path("message").asText("HTTP " + response.statusCode()) + " (" + json.path("error").asText() + ")");
        }
        return json;
    }

    private void printTable(List<String[]> rows) {
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int column = 0; column < row.length; column++) {
                widths[column] = Math.max(widths[column], row[column].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int column = 0; column < row.length; column++) {
                line.append(column == row.length - 1 ? row[column] : String.format("%-" + widths[column] + "s  ", row[column]));
            }
            out.println(line.toString().stripTrailing());
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** A command line that does not say what to do. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }

    /** Inbound answered, and said no. */
    static final class RefusedException extends RuntimeException {
        RefusedException(String message) {
            super(message);
        }
    }
}
