package inbound.queue;

import inbound.settings.SettingsReader;
import java.time.Duration;

/** What every SQS client of Inbound is built with, wherever its queue is: the region, and how long one call may take. */
public record SqsClientSettings(String region, Duration callTimeout) {

    public static SqsClientSettings read(SettingsReader settings) {
        return new SqsClientSettings(settings.text("inbound.sqs.region"), settings.millis("inbound.sqs.call-timeout-ms", 1));
    }
}
