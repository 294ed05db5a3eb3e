package inbound.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import inbound.testing.FreePort;
import inbound.testing.InboundProcess;
import inbound.testing.Webhooks;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server artifact {@code mvn package} builds, as an operator runs it without the source tree:
 * {@code java -jar server/target/inbound-server.jar}, and the Dockerfile that packs it (no Docker engine
 * here: what can be checked without building the image is).
 */
class ServerArtifactIT {

    private static final Path JAR = Path.of("server", "target", "inbound-server.jar");
    private static final Path LIBRARIES = Path.of("server", "target", "lib");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "artifact-secret";
    private static final String ADMIN_TOKEN = "artifact-admin-token";

    @TempDir
    Path dataDir;

    @Test
    void theJarRunsTheServerWithTheRunCommandsDefaultsAndStopsGracefullyOnSigterm() throws Exception {
        int httpPort = FreePort.find();
        Path log = dataDir.resolve("inbound.log");
        Map<String, String> environment = Map.of(
                "INBOUND_SQS_PORT", String.valueOf(FreePort.find()),
                "INBOUND_DATA_DIR", dataDir.resolve("data").toString(),
                "INBOUND_PROVIDER_SHOPIFY_SECRET", SECRET,
                "INBOUND_ADMIN_TOKEN", ADMIN_TOKEN);
        try (InboundProcess server = InboundProcess.with(environment, httpPort, log).fromJar(JAR).start()) {
            byte[] body = Webhooks.payload("shopify/orders-create.json").getBytes(StandardCharsets.UTF_8);
            HttpResponse<String> accepted = server.client().post("shopify", body,
                    Webhooks.shopify(body, SECRET, UUID.randomUUID().toString(), "artifact.myshopify.com", "orders/create"));
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
            String eventId = JSON.readTree(accepted.body()).path("id").asText();
            await().atMost(Duration.ofSeconds(60)).until(() -> status(httpPort, eventId).equals("processed"));

            assertThat(server.stop(Duration.ofSeconds(30))).as("exit code after SIGTERM").isIn(0, 143);
        }
        assertThat(Files.readString(log)).contains("is shutdown");
    }

    @Test
    void theJarRefusesToStartWhenTheDefaultCharsetIsNotUtf8() throws Exception {
        Path log = dataDir.resolve("inbound.log");
        int exit = InboundProcess.with(Map.of("INBOUND_DATA_DIR", dataDir.resolve("data").toString(),
                        "INBOUND_SQS_PORT", String.valueOf(FreePort.find())), FreePort.find(), log)
                .fromJar(JAR).jvmOptions(List.of()).withoutLocale().startExpectingExit(Duration.ofSeconds(60));

        assertThat(exit).isEqualTo(1);
        assertThat(Files.readString(log)).contains("not UTF-8").contains("-Dfile.encoding=UTF-8");
    }

    @Test
    void theDockerfileCopiesWhatThePackageBuiltAndRunsItAsTheRunCommandDoes() throws IOException {
        String dockerfile = Files.readString(Path.of("Dockerfile"));

        List<String> copiedFromBuild = matches(dockerfile, "(?m)^COPY --from=build /build/(\\S+) ");
        assertThat(copiedFromBuild).containsExactlyInAnyOrder(JAR.toString(), LIBRARIES.toString());
        copiedFromBuild.forEach(path -> assertThat(Path.of(path)).exists());
        assertThat(manifestClassPath()).allSatisfy(library -> assertThat(Path.of("server", "target").resolve(library)).exists());

        List<String> entrypoint = new ArrayList<>(Arrays.asList(
                JSON.readValue(matches(dockerfile, "(?m)^ENTRYPOINT (\\[.*])$").get(0), String[].class)));
        List<String> expected = new ArrayList<>(List.of("java"));
        expected.addAll(InboundProcess.runCommandJvmOptions());
        expected.addAll(List.of("-jar", JAR.getFileName().toString()));
        assertThat(entrypoint).isEqualTo(expected);

        assertThat(matches(dockerfile, "(?m)^USER (\\S+)$")).containsExactly("inbound");
        assertThat(dockerfile).containsPattern("(?m)^HEALTHCHECK .*\\n.*/health");
        String dataDir = matches(dockerfile, "(?m)^ENV INBOUND_DATA_DIR=(\\S+)$").get(0);
        assertThat(matches(dockerfile, "(?m)^VOLUME \\[\"(\\S+)\"]$")).containsExactly(dataDir);
    }

    private static List<String> manifestClassPath() throws IOException {
        try (JarFile jar = new JarFile(JAR.toFile())) {
            return List.of(jar.getManifest().getMainAttributes().getValue("Class-Path").trim().split(" +"));
        }
    }

    private static List<String> matches(String text, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        List<String> found = new ArrayList<>();
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }

    private static String status(int httpPort, String eventId) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/events/" + eventId))
                        .header("Authorization", "Bearer " + ADMIN_TOKEN).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode event = response.statusCode() == 200 ? JSON.readTree(response.body()) : JSON.createObjectNode();
        return event.path("status").asText();
    }
}
