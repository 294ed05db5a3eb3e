package inbound.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** A copy of the JSON Schemas Inbound ships, in a folder a test may edit ({@code inbound.schemas.location=file:...}). */
public final class ShippedSchemas {

    private static final Path SHIPPED = Path.of("src/main/resources/schemas");

    private ShippedSchemas() {
    }

    public static void copyTo(Path target) throws IOException {
        try (Stream<Path> files = Files.walk(SHIPPED)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path copy = target.resolve(SHIPPED.relativize(file).toString());
                Files.createDirectories(copy.getParent());
                Files.copy(file, copy);
            }
        }
    }
}
