package inbound.bench;

import inbound.testing.lambda.LambdaZip;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * A deployment package of the {@link TrivialHandler}, laid out as Inbound's zip is (classes at the root, libraries in
 * {@code lib/}) with the one library it needs taken from Inbound's zip: the Lambda Java core interfaces.
 */
final class TrivialHandlerZip {

    static final String HANDLER = TrivialHandler.class.getName() + "::handleRequest";
    private static final String CLASS_ENTRY = TrivialHandler.class.getName().replace('.', '/') + ".class";

    private TrivialHandlerZip() {
    }

    /** Writes the package to {@code zip} and returns it. */
    static Path write(Path zip) throws IOException {
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip));
                InputStream handlerClass = TrivialHandler.class.getResourceAsStream("/" + CLASS_ENTRY)) {
            out.putNextEntry(new ZipEntry(CLASS_ENTRY));
            handlerClass.transferTo(out);
            out.closeEntry();
            copyLambdaCore(out);
        }
        return zip;
    }

    private static void copyLambdaCore(ZipOutputStream zipOut) throws IOException {
        try (ZipInputStream inbound = new ZipInputStream(Files.newInputStream(LambdaZip.BUILT))) {
            for (ZipEntry entry = inbound.getNextEntry(); entry != null; entry = inbound.getNextEntry()) {
                if (entry.getName().startsWith("lib/aws-lambda-java-core-")) {
                    zipOut.putNextEntry(new ZipEntry(entry.getName()));
                    inbound.transferTo(zipOut);
                    zipOut.closeEntry();
                    return;
                }
            }
        }
        throw new IllegalStateException(LambdaZip.BUILT + " has no lib/aws-lambda-java-core jar");
    }
}
