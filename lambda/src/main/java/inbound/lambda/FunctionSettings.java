package inbound.lambda;

import inbound.queue.QueueSettings;
import inbound.queue.SqsClientSettings;
import inbound.secrets.SecretsManagerSettings;
import inbound.settings.SettingsReader;
import inbound.support.LogFormat;
import inbound.wiring.ClaimCheckBucket;
import inbound.wiring.DatabaseSettings;
import inbound.wiring.IngestSettings;
import inbound.wiring.ProviderSettings;
import inbound.wiring.RetentionSettings;
import inbound.wiring.WorkerSettings;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Every setting of the Lambda shape, one record per role, read and checked together when a function's
 * context is built ({@link FunctionContext}); each function takes the roles it needs. With no
 * {@code sqsEndpoint} the queue is the region's Amazon SQS.
 *
 * @param claimCheckBucket where bodies too large for a message are stored; empty: none is, and they are refused with 413
 * @param claimCheckThresholdBytes bodies over this go to that bucket; empty: those that would not fit in a message
 * @param workerReserve when less than this is left of a worker invocation, its records not yet run are reported
 * @param retentionReserve when less than this is left of a retention invocation, it begins no further batch
 * @param replayInvokeTimeout how long a direct replay waits for the worker function
 * @param lambdaEndpoint the Lambda API a direct replay invokes the worker function through; empty: AWS's
 * @param consoleDashboard the CloudWatch dashboard the console's overview names for what it does not count
 * @param logFormat how the function writes its log lines ({@code json} by default)
 * @param primeAtInit whether the function primes itself in its constructor too, not only before a SnapStart checkpoint:
 *     to measure locally, where there is no snapshot, what a primed snapshot leaves to the first request
 */
public record FunctionSettings(QueueSettings queues, SqsClientSettings sqsClient, Optional<URI> sqsEndpoint,
        Optional<ClaimCheckBucket> claimCheckBucket, OptionalLong claimCheckThresholdBytes, ProviderSettings providers,
        IngestSettings ingest, WorkerSettings worker, DatabaseSettings database, RetentionSettings retention,
        SecretsManagerSettings secretsManager, Duration workerReserve, Duration retentionReserve, Duration replayInvokeTimeout, Optional<URI> lambdaEndpoint, Optional<String> consoleDashboard,
        LogFormat logFormat, boolean primeAtInit) {

    /** These settings with another database. */
    FunctionSettings withDatabase(DatabaseSettings other) {
        return new FunctionSettings(queues, sqsClient, sqsEndpoint, claimCheckBucket, claimCheckThresholdBytes, providers, ingest, worker, other, retention, secretsManager, workerReserve,
                retentionReserve, replayInvokeTimeout, lambdaEndpoint, consoleDashboard, logFormat, primeAtInit);
    }

    static FunctionSettings read(SettingsReader settings) {
        return new FunctionSettings(
                QueueSettings.read(settings),
                SqsClientSettings.read(settings),
                settings.optionalUri("inbound.sqs.endpoint"),
                ClaimCheckBucket.read(settings),
                settings.optionalNumber("inbound.claim-check.threshold-bytes", 0),
                ProviderSettings.read(settings),
                IngestSettings.read(settings),
                WorkerSettings.read(settings),
                DatabaseSettings.read(settings),
                RetentionSettings.read(settings),
                SecretsManagerSettings.read(settings),
                settings.millis("inbound.lambda.worker.reserve-ms", 0),
                settings.millis("inbound.lambda.retention.reserve-ms", 0),
                settings.millis("inbound.replay.invoke-timeout-ms", 1),
                settings.optionalUri("inbound.lambda.endpoint"),
                settings.optionalText("inbound.console.dashboard"),
                settings.build(() -> LogFormat.of(settings.text(LogFormat.KEY))),
                settings.flag("inbound.prime-at-init"));
    }
}
