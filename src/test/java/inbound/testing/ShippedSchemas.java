package inbound.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** A copy of the JSON Schemas Inbound ships, in a folder a test may edit ({@code inbound.schemas.location=file:...}). */
public final class ShippedSchemas {

    private static final Path SHIPPED = Path.of("src/main/resources/schemas");
    private static final ObjectMapper JSON = new ObjectMapper();

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

    /**
     * The fix of the README's bad-event walkthrough, in a copy: shopify/orders-create.json takes a number as
     * {@code total_price} too and no longer requires {@code line_items}, so that
     * {@code payloads/shopify/orders-create-invalid.json} passes.
     */
    public static void fixOrdersCreate(Path copy) throws IOException {
        Path schema = copy.resolve("shopify/orders-create.json");
        ObjectNode fixed = (ObjectNode) JSON.readTree(Files.readString(schema));
        ((ObjectNode) fixed.path("properties").path("total_price")).removeAll().putArray("type").add("string").add("number");
        ((ArrayNode) fixed.path("required")).removeIf(field -> field.asText().equals("line_items"));
        Files.writeString(schema, fixed.toString());
    }
}
