package inbound.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Where each scenario leaves its table: {@code target/reliability/<scenario>.md}, and the log. */
final class Reports {

    private static final Logger LOG = LoggerFactory.getLogger(Reports.class);

    private Reports() {
    }

    static void write(String scenario, String table) throws IOException {
        Path report = Path.of("target", "reliability", scenario + ".md");
        Files.createDirectories(report.getParent());
        Files.writeString(report, table);
        LOG.info("Reliability, {}:\n{}", scenario, table);
    }
}
