package inbound.testing;

import inbound.claimcheck.PayloadPointer;
import inbound.embedded.FilePayloadStore;
import inbound.queue.EventAttributes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import software.amazon.awssdk.services.sqs.model.Message;

/** The bodies a server stored aside under its data directory, as a test reads them: through Inbound's own store. */
public final class StoredPayloads {

    private final Path folder;

    public StoredPayloads(Path dataDir) {
        this.folder = dataDir.resolve("payloads");
    }

    /** A queued message's body as the provider sent it: from the store when the message holds a pointer. */
    public byte[] body(Message message) {
        String size = message.messageAttributes().containsKey(PayloadPointer.SIZE_ATTRIBUTE)
                ? QueueReader.attribute(message, PayloadPointer.SIZE_ATTRIBUTE) : null;
        return PayloadPointer.inMessage(message.body(), size)
                .map(pointer -> new FilePayloadStore(folder).get(pointer.key())
                        .orElseThrow(() -> new AssertionError("event " + QueueReader.attribute(message, EventAttributes.EVENT_ID)
                                + " points to a payload that is not stored: " + pointer.key())))
                .orElseGet(() -> message.body().getBytes(StandardCharsets.UTF_8));
    }

    /** The stored payload files, temporary ones included. */
    public List<Path> files() {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
