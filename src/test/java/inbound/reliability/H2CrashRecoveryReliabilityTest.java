package inbound.reliability;

import inbound.store.H2CrashRecoveryTest;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * {@link H2CrashRecoveryTest} at the reliability profile's size: each H2 file's writer killed eight times
 * as often as the crash scenario kills its server ({@code reliability.kills}). Only under that profile:
 * {@code mvn verify} runs the short one.
 */
@EnabledIfSystemProperty(named = "reliability.kills", matches = "\\d+")
class H2CrashRecoveryReliabilityTest extends H2CrashRecoveryTest {

    @Override
    protected int kills() {
        return 8 * Integer.getInteger("reliability.kills");
    }
}
