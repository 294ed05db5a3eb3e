package inbound.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PriceTableTest {

    private static final Path CHECKED_IN = Path.of("src", "test", "resources", "cost", "aws-prices.json");

    @TempDir
    Path directory;

    @Test
    void theCheckedInTableHasEveryPriceWithItsUnitAndAnAwsPricingPage() throws IOException {
        PriceTable table = PriceTable.read(CHECKED_IN);

        assertThat(table.region()).isEqualTo("us-east-1");
        assertThat(table.readOn()).matches("\\d{4}-\\d{2}-\\d{2}");
        assertThat(table.prices()).containsOnlyKeys(PriceTable.Item.values()).allSatisfy((item, price) -> {
            assertThat(price.source()).as(item.key()).startsWith("https://aws.amazon.com/").endsWith("/pricing/");
            assertThat(price.usd()).as(item.key()).isPositive();
        });
    }

    @Test
    void aTableWithoutOnePriceIsRefusedNamingIt() throws IOException {
        Path file = Files.writeString(directory.resolve("prices.json"), Files.readString(CHECKED_IN).replace("sqsFifoRequestsPerMillion", "sqsFifo"));

        assertThatThrownBy(() -> PriceTable.read(file)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sqsFifoRequestsPerMillion");
    }

    @Test
    void aPriceWithoutTheAddressOfItsSourceIsRefused() throws IOException {
        Path file = Files.writeString(directory.resolve("prices.json"),
                Files.readString(CHECKED_IN).replace("\"https://aws.amazon.com/sqs/pricing/\"", "\"\""));

        assertThatThrownBy(() -> PriceTable.read(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sqsFifoRequestsPerMillion").hasMessageContaining("source");
    }
}
