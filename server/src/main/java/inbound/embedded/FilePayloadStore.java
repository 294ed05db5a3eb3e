package inbound.embedded;

import inbound.claimcheck.PayloadStore;
import inbound.claimcheck.PayloadUnavailable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Bodies as files in a folder of the data directory, one per key, spread over subfolders by the key's
 * first two characters. A body is written to a temporary file, forced to the disk, renamed into place
 * and its folder forced too, so that a stored body survives a power cut once {@link #put} returns, and a
 * crash in between leaves at most a temporary file, never a part of a body under its key. Keys are
 * checked before they become paths: a pointer can come from anyone who can write to the queue.
 */
public final class FilePayloadStore implements PayloadStore {

    /** The bucket a pointer to this store names; not a valid S3 bucket name, so it never means one. */
    public static final String BUCKET = "inbound:data-dir";
    private static final Pattern KEY = Pattern.compile("[0-9a-z][0-9a-z.-]{1,199}");

    private final Path folder;

    public FilePayloadStore(Path folder) {
        this.folder = folder;
    }

    @Override
    public String bucket() {
        return BUCKET;
    }

    @Override
    public void put(String key, byte[] body) {
        Path target = path(key);
        if (Files.exists(target)) {
            return;
        }
        try {
            Path subfolder = target.getParent();
            if (!Files.isDirectory(subfolder)) {
                Files.createDirectories(subfolder);
                force(subfolder.getParent());
            }
            Path written = subfolder.resolve(key + "." + UUID.randomUUID() + ".partial");
            try (FileChannel file = FileChannel.open(written, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer remaining = ByteBuffer.wrap(body);
                while (remaining.hasRemaining()) {
                    file.write(remaining);
                }
                file.force(true);
            }
            try {
                Files.move(written, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException storedMeanwhile) {
                Files.deleteIfExists(written);
            }
            force(subfolder);
        } catch (IOException e) {
            throw new UncheckedIOException("could not store a payload under " + folder, e);
        }
    }

    @Override
    public Optional<byte[]> get(String key) {
        try {
            return Optional.of(Files.readAllBytes(path(key)));
        } catch (NoSuchFileException gone) {
            return Optional.empty();
        } catch (IOException e) {
            throw new PayloadUnavailable("The stored payload " + key + " could not be read: " + e.getMessage(), e);
        }
    }

    @Override
    public void delete(String key) {
        try {
            Files.deleteIfExists(path(key));
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete the stored payload " + key, e);
        }
    }

    private Path path(String key) {
        if (key == null || !KEY.matcher(key).matches() || key.contains("..")) {
            throw new PayloadUnavailable("The payload pointer's key is not one Inbound writes.");
        }
        return folder.resolve(key.substring(0, 2)).resolve(key);
    }

    private static void force(Path directory) throws IOException {
        try (FileChannel handle = FileChannel.open(directory, StandardOpenOption.READ)) {
            handle.force(true);
        }
    }
}
