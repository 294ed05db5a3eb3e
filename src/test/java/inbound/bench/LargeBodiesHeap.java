package inbound.bench;

import inbound.testing.FreePort;
import inbound.testing.InboundProcess;
import inbound.testing.Webhooks;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What 25 MB webhooks sent at once do to the server's heap, under each bound on the bytes of bodies in
 * flight: the run command's options plus a GC log, the worker off, the same signed GitHub push posted by
 * as many clients at once; for each run, the answers, the full collections and the most heap left after a
 * collection. The table of docs/deploy-server.md#how-large-a-webhook; each run's logs stay under target/bench/. Not a test:
 * {@code mvn -q -Plarge-bodies-bench -DskipTests verify}.
 */
public final class LargeBodiesHeap {

    private static final String SECRET = "large-bodies-heap";
    private static final Pattern AFTER_COLLECTION = Pattern.compile("->(\\d+)M\\(");
    /** Bytes in flight allowed (0: a bound no body set reaches, as before there was one) and pushes at once. */
    private static final long[][] RUNS = {{0, 2}, {0, 3}, {2 * 26_214_400L, 16}, {26_214_400L, 16}};

    private LargeBodiesHeap() {
    }

    public static void main(String[] args) throws Exception {
        byte[] push = Webhooks.largePush(25_000_000);
        Path dir = Files.createDirectories(Path.of("target", "bench", "large-bodies-" + UUID.randomUUID()));
        System.out.println("| bytes in flight allowed | pushes at once | answers | full collections | most heap after a collection |");
        System.out.println("|---|---|---|---|---|");
        for (long[] run : RUNS) {
            System.out.println(run(push, dir.resolve(run[0] + "-" + run[1]), run[0], (int) run[1]));
        }
        System.out.println("each run's GC and server logs: " + dir);
    }

    private static String run(byte[] push, Path dir, long bound, int clients) throws Exception {
        Files.createDirectories(dir);
        Path gcLog = dir.resolve("gc.log");
        List<String> jvm = new ArrayList<>(InboundProcess.runCommandJvmOptions());
        jvm.add("-Xlog:gc:file=" + gcLog);
        int httpPort = FreePort.find();
        Map<String, String> environment = Map.of("INBOUND_SQS_PORT", String.valueOf(FreePort.find()), "INBOUND_DATA_DIR", dir.resolve("data").toString(),
                "INBOUND_PROVIDER_GITHUB_SECRET", SECRET, "INBOUND_WORKER_ENABLED", "false",
                "INBOUND_HTTP_MAX_BODY_BYTES_IN_FLIGHT", String.valueOf(bound == 0 ? Long.MAX_VALUE : bound));
        Map<String, Integer> answers = new TreeMap<>();
        try (InboundProcess server = InboundProcess.with(environment, httpPort, dir.resolve("server.log")).jvmOptions(jvm).start()) {
            HttpClient http = HttpClient.newHttpClient();
            List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/webhooks/github"))
                        .timeout(Duration.ofSeconds(120)).POST(HttpRequest.BodyPublishers.ofByteArray(push));
                Webhooks.github(push, SECRET, "push-" + i, "push").forEach(request::header);
                sent.add(http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString()));
            }
            for (CompletableFuture<HttpResponse<String>> answer : sent) {
                String outcome;
                try {
                    outcome = String.valueOf(answer.get().statusCode());
                } catch (Exception cutOff) {
                    outcome = "no answer";
                }
                answers.merge(outcome, 1, Integer::sum);
            }
        }
        String gc = Files.readString(gcLog);
        long fullCollections = gc.lines().filter(line -> line.contains("Pause Full")).count();
        int mostAfter = 0;
        for (Matcher after = AFTER_COLLECTION.matcher(gc); after.find(); ) {
            mostAfter = Math.max(mostAfter, Integer.parseInt(after.group(1)));
        }
        StringBuilder tally = new StringBuilder();
        answers.forEach((status, count) -> tally.append(tally.isEmpty() ? "" : ", ").append(count).append(" × ").append(status));
        return "| " + (bound == 0 ? "unbounded" : bound / (1024 * 1024) + " MiB") + " | " + clients + " | " + tally + " | " + fullCollections
                + " | " + mostAfter + " MiB |";
    }
}
