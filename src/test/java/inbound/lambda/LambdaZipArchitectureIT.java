package inbound.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import inbound.testing.lambda.LambdaZip;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Lambda zip runs on arm64 as on x86_64 (the Terraform variable {@code architectures}): nothing
 * in it, nor in any jar of its lib/, is native code, which would be built for one instruction set.
 * A native library is recognised by its name or by the first bytes of an ELF or Mach-O file.
 */
class LambdaZipArchitectureIT {

    private static final List<String> NATIVE_LIBRARY_SUFFIXES = List.of(".so", ".dll", ".dylib", ".jnilib", ".exe");
    private static final List<byte[]> NATIVE_CODE_MAGIC = List.of(
            new byte[] {0x7f, 'E', 'L', 'F'},
            new byte[] {(byte) 0xfe, (byte) 0xed, (byte) 0xfa, (byte) 0xce},
            new byte[] {(byte) 0xfe, (byte) 0xed, (byte) 0xfa, (byte) 0xcf},
            new byte[] {(byte) 0xce, (byte) 0xfa, (byte) 0xed, (byte) 0xfe},
            new byte[] {(byte) 0xcf, (byte) 0xfa, (byte) 0xed, (byte) 0xfe});

    @TempDir
    Path taskRoot;

    @Test
    void nothingInTheZipIsNativeCode() throws IOException {
        Path root = LambdaZip.unpack(taskRoot);
        List<String> nativeCode = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        for (Path file : files) {
            String name = root.relativize(file).toString();
            try (InputStream content = Files.newInputStream(file)) {
                if (isNativeCode(name, content.readNBytes(4))) {
                    nativeCode.add(name);
                }
            }
            if (name.endsWith(".jar")) {
                nativeCode.addAll(nativeCodeIn(file, name));
            }
        }

        assertThat(files).as("files of the zip").isNotEmpty();
        assertThat(nativeCode).as("native code in the zip").isEmpty();
    }

    private static List<String> nativeCodeIn(Path jar, String jarName) throws IOException {
        List<String> nativeCode = new ArrayList<>();
        try (ZipInputStream entries = new ZipInputStream(Files.newInputStream(jar))) {
            for (ZipEntry entry = entries.getNextEntry(); entry != null; entry = entries.getNextEntry()) {
                if (!entry.isDirectory() && isNativeCode(entry.getName(), entries.readNBytes(4))) {
                    nativeCode.add(jarName + "!" + entry.getName());
                }
            }
        }
        return nativeCode;
    }

    private static boolean isNativeCode(String name, byte[] firstBytes) {
        String lowerCase = name.toLowerCase(Locale.ROOT);
        return NATIVE_LIBRARY_SUFFIXES.stream().anyMatch(lowerCase::endsWith)
                || NATIVE_CODE_MAGIC.stream().anyMatch(magic -> Arrays.equals(magic, firstBytes));
    }
}
