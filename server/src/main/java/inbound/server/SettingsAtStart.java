package inbound.server;

import inbound.settings.InvalidSettings;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;

/**
 * Reads and checks every setting before anything is configured, so that bad ones refuse the start, all named, with
 * nothing left behind; then puts the console's lines in their format.
 */
final class SettingsAtStart extends MainListenerSupport {

    @Override
    public void beforeConfigure(BaseMainSupport main) {
        try {
            ServerSettings.of(main.getCamelContext()).logFormat().apply();
        } catch (InvalidSettings invalid) {
            throw new StartRefused(invalid.getMessage());
        }
    }
}
