package inbound.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import inbound.support.ForgottenBeforeSnapshot;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A function's context: the Lambda shape's defaults win over the server's, and a snapshot drops what it must not carry. */
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
}
