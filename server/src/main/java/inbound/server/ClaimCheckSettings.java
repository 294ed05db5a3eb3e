package inbound.server;

import inbound.claimcheck.ClaimCheck;
import inbound.embedded.FilePayloadStore;
import inbound.settings.SettingsReader;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * Which bodies the server shape stores aside, in {@code payloads/} of its data directory: those over
 * {@code inbound.claim-check.threshold-bytes}. Unset, every body of the embedded queue (whose messages
 * live in this heap), none of a configured queue's.
 */
record ClaimCheckSettings(OptionalLong thresholdBytes, Path payloadFolder) {

    static ClaimCheckSettings read(SettingsReader settings) {
        return new ClaimCheckSettings(settings.optionalNumber("inbound.claim-check.threshold-bytes", 0),
                Path.of(settings.text("inbound.data-dir")).resolve("payloads"));
    }

    ClaimCheck claimCheck(QueueLocation location) {
        OptionalLong threshold = location instanceof QueueLocation.Embedded ? OptionalLong.of(thresholdBytes.orElse(0)) : thresholdBytes;
        return threshold.isPresent() ? new ClaimCheck(threshold.getAsLong(), new FilePayloadStore(payloadFolder)) : ClaimCheck.NONE;
    }
}
