package inbound.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import inbound.support.ForgottenBeforeSnapshot;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A function's context: the Lambda shape's defaults win over the server's, bad settings fail its start
 * naming them all, and a snapshot drops what it must not carry.
 */
class FunctionContextTest {

    @Test
    void theLambdaDefaultsWinOverTheServerDefaults() {
        FunctionContext function = FunctionContext.start("test", settings -> List.of(), List.of());
        try {
            assertThat(function.camel().getPropertiesComponent().resolveProperty("inbound.db.connect-at-start")).contains("false");
            assertThat(function.camel().getPropertiesComponent().resolveProperty("inbound.ingest.batch-linger-ms")).contains("0");
            assertThat(function.camel().getPropertiesComponent().resolveProperty("inbound.queue.name")).contains("webhook-events.fifo");
        } finally {
            function.camel().stop();
        }
    }

    @Test
    void aCheckpointMakesEverySecretHolderForget() {
        FunctionContext function = FunctionContext.start("test", settings -> List.of(), List.of());
        AtomicInteger forgotten = new AtomicInteger();
        ForgottenBeforeSnapshot holder = forgotten::incrementAndGet;
        function.camel().getRegistry().bind("secretHolder", holder);
        try {
            function.snapStartHooks().beforeCheckpoint(null);
            assertThat(forgotten).hasValue(1);
        } finally {
            function.camel().stop();
        }
    }

    @Test
    void aFunctionWithBadSettingsFailsItsStartNamingEveryOne() {
        // system properties override the property files as environment variables do
        System.setProperty("inbound.lambda.worker.reserve-ms", "soon");
        System.setProperty("inbound.replay.invoke-timeout-ms", "0");
        try {
            assertThatThrownBy(() -> FunctionContext.start("test", settings -> List.of(), List.of()))
                    .hasMessageContaining("The test function could not start: 2 settings are wrong")
                    .hasMessageContaining("inbound.lambda.worker.reserve-ms (INBOUND_LAMBDA_WORKER_RESERVE_MS) must be a whole number, was 'soon'")
                    .hasMessageContaining("inbound.replay.invoke-timeout-ms (INBOUND_REPLAY_INVOKE_TIMEOUT_MS) must be at least 1, was 0");
        } finally {
            System.clearProperty("inbound.lambda.worker.reserve-ms");
            System.clearProperty("inbound.replay.invoke-timeout-ms");
        }
    }
}
