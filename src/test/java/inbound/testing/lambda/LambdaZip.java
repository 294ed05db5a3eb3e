package inbound.testing.lambda;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/** The built Lambda deployment package, unpacked as the Java runtimes unpack it into the task root. */
public final class LambdaZip {

    public static final Path BUILT = Path.of("lambda", "target", "inbound-lambda.zip");

    private LambdaZip() {
    }

    /** Unpacks {@link #BUILT} into {@code taskRoot} (which must be empty or absent) and returns it. */
    public static Path unpack(Path taskRoot) {
        if (!Files.isRegularFile(BUILT)) {
            throw new IllegalStateException(BUILT + " is missing: `mvn package` builds it (the Lambda tests run in `mvn verify`)");
        }
        return unpack(BUILT, taskRoot);
    }

    /** Unpacks the deployment package {@code built} into {@code taskRoot} (which must be empty or absent) and returns it. */
    public static Path unpack(Path built, Path taskRoot) {
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(built))) {
            Path root = taskRoot.toAbsolutePath().normalize();
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                Path target = root.resolve(entry.getName()).normalize();
                if (!target.startsWith(root)) {
                    throw new IllegalStateException("zip entry outside the task root: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    copy(zip, target);
                }
            }
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copy(InputStream entry, Path target) throws IOException {
        Files.copy(entry, target, StandardCopyOption.REPLACE_EXISTING);
    }
}
