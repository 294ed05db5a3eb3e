package inbound.server;

import inbound.queue.QueueSettings;
import inbound.queue.SqsClientSettings;
import inbound.secrets.SecretsManagerSettings;
import inbound.settings.SettingsReader;
import inbound.support.LogFormat;
import inbound.wiring.DatabaseSettings;
import inbound.wiring.IngestSettings;
import inbound.wiring.ProviderSettings;
import inbound.wiring.RetentionSettings;
import inbound.wiring.WorkerSettings;
import java.time.Duration;
import org.apache.camel.CamelContext;

/**
 * Every setting the server shape runs with, one record per role, read and checked together: a start
 * with bad settings is refused with one message that names them all ({@link SettingsAtStart}).
 *
 * @param retentionPurgeInterval how often the retention purge runs ({@code RetentionScheduleRoute})
 */
record ServerSettings(HttpSettings http, QueueLocation queueLocation, SqsClientSettings sqsClient, QueueSettings queues,
        ClaimCheckSettings claimCheck,
        ProviderSettings providers, IngestSettings ingest, WorkerSettings worker, WorkerStartSettings workerStart,
        DatabaseSettings database, RetentionSettings retention, Duration retentionPurgeInterval, SecretsManagerSettings secretsManager, LogFormat logFormat) {

    static ServerSettings read(SettingsReader settings) {
        IngestSettings ingest = IngestSettings.read(settings);
        return new ServerSettings(
                HttpSettings.read(settings, ingest.maxBodyBytes()),
                QueueLocation.read(settings),
                SqsClientSettings.read(settings),
                QueueSettings.read(settings),
                ClaimCheckSettings.read(settings),
                ProviderSettings.read(settings),
                ingest,
                WorkerSettings.read(settings),
                WorkerStartSettings.read(settings),
                DatabaseSettings.read(settings),
                RetentionSettings.read(settings),
                settings.millis("inbound.retention.purge-interval-ms", 1000),
                SecretsManagerSettings.read(settings),
                settings.build(() -> LogFormat.of(settings.text(LogFormat.KEY))));
    }

    /** The context's settings: read and checked by the first to ask (at start, {@link SettingsAtStart}), then bound as {@code serverSettings}. */
    static synchronized ServerSettings of(CamelContext context) {
        ServerSettings read = context.getRegistry().lookupByNameAndType("serverSettings", ServerSettings.class);
        if (read == null) {
            read = SettingsReader.read(context, ServerSettings::read);
            context.getRegistry().bind("serverSettings", read);
        }
        return read;
    }
}
