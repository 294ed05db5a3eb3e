package inbound.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import inbound.testing.lambda.LambdaZip;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Lambda zip holds everything its classes use and nothing of the server shape: jdeps finds no
 * class of Inbound's (the handlers at the root, inbound-core in lib/) referring to one the zip lacks,
 * and none of the server's libraries is in lib/.
 */
class LambdaZipSelfContainedIT {

    /** What only the server shape runs on: its embedded queue, HTTP server, Camel Main and Apache's HTTP client. */
    private static final List<String> SERVER_ONLY_LIBRARIES = List.of(
            "elasticmq-", "pekko-", "scala-", "vertx-", "netty-", "camel-main-", "camel-platform-http", "apache-client-", "httpclient-");

    @TempDir
    static Path taskRoot;
    private static List<Path> libraries;

    @BeforeAll
    static void unpack() throws IOException {
        LambdaZip.unpack(taskRoot);
        try (Stream<Path> jars = Files.list(taskRoot.resolve("lib"))) {
            libraries = jars.filter(jar -> jar.toString().endsWith(".jar")).sorted().toList();
        }
    }

    @Test
    void noClassOfInboundRefersToAClassTheZipLacks() {
        Path core = libraries.stream().filter(jar -> jar.getFileName().toString().startsWith("inbound-core-")).findFirst()
                .orElseThrow(() -> new AssertionError("inbound-core is not in the zip's lib/"));
        List<String> arguments = new ArrayList<>(List.of("--multi-release", "17", "--missing-deps",
                "--class-path", String.join(File.pathSeparator, libraries.stream().map(Path::toString).toList())));
        arguments.add(taskRoot.resolve("inbound").toString());
        arguments.add(core.toString());
        ByteArrayOutputStream report = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(report, true, StandardCharsets.UTF_8);
        int exit = ToolProvider.findFirst("jdeps").orElseThrow().run(out, out, arguments.toArray(String[]::new));
        assertThat(exit).as(report.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(report.toString(StandardCharsets.UTF_8)).as("jdeps --missing-deps").isBlank();
    }

    @Test
    void noLibraryOfTheServerShapeIsInTheZip() {
        assertThat(libraries).extracting(jar -> jar.getFileName().toString())
                .noneMatch(name -> SERVER_ONLY_LIBRARIES.stream().anyMatch(name::startsWith));
    }
}
