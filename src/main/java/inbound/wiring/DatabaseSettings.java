package inbound.wiring;

import inbound.settings.SettingsReader;
import inbound.store.DatabaseTimeouts;

/** The database of processed events: where, as whom (the password is a secret, read on first use), how long a call may wait, and how many connections. */
public record DatabaseSettings(String url, String user, DatabaseTimeouts timeouts, int poolSize, boolean connectAtStart) {

    public static DatabaseSettings read(SettingsReader settings) {
        return new DatabaseSettings(
                settings.text("inbound.db.url"),
                settings.optionalText("inbound.db.user").orElse(""),
                settings.build(() -> new DatabaseTimeouts(
                        settings.millis("inbound.db.connect-timeout-ms", 1),
                        settings.millis("inbound.db.socket-timeout-ms", 1),
                        settings.millis("inbound.db.statement-timeout-ms", 1))),
                settings.integer("inbound.db.pool-size", 1, Integer.MAX_VALUE),
                settings.flag("inbound.db.connect-at-start"));
    }
}
