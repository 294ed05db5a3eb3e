package inbound.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import inbound.secrets.SecretValues;
import inbound.support.ForgottenBeforeSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A function's context: the Lambda shape's defaults win over the server's, bad settings fail its start
 * naming them all, and a snapshot primes the function on a context of its own, then drops what it must not carry.
 */
class FunctionContextTest {

    private static final FunctionContext.Definition EMPTY = new FunctionContext.Definition("test", (settings, outside) -> List.of(), List::of);
    private static final Priming.Primer NOTHING_TO_PRIME = (secrets, priming) -> "nothing";

    @Test
    void theLambdaDefaultsWinOverTheServerDefaults() {
        FunctionContext function = FunctionContext.start(EMPTY, NOTHING_TO_PRIME);
        try {
            assertThat(function.camel().getPropertiesComponent().resolveProperty("inbound.db.connect-at-start")).contains("false");
            assertThat(function.camel().getPropertiesComponent().resolveProperty("inbound.ingest.batch-linger-ms")).contains("0");
            assertThat(function.camel().getPropertiesComponent().resolveProperty("inbound.queue.name")).contains("webhook-events.fifo");
            assertThat(function.settings().primeAtInit()).isFalse();
        } finally {
            function.camel().stop();
        }
    }

    @Test
    void aCheckpointPrimesTheFunctionThenMakesEverySecretHolderForget() {
        List<String> happened = new ArrayList<>();
        FunctionContext function = FunctionContext.start(EMPTY, (secrets, priming) -> {
            happened.add("primed");
            return "nothing";
        });
        ForgottenBeforeSnapshot holder = () -> happened.add("forgotten");
        function.camel().getRegistry().bind("secretHolder", holder);
        try {
            function.snapStartHooks().beforeCheckpoint(null);
            assertThat(happened).containsExactly("primed", "forgotten");
        } finally {
            function.camel().stop();
        }
    }

    @Test
    void primingRunsOnAContextOfItsOwnWithMadeUpSecretsAndADatabaseInMemory() {
        // as an environment variable would: the admin token is a secret to read from Secrets Manager
        System.setProperty("inbound.admin.token-arn", "arn:aws:secretsmanager:us-east-1:000000000000:secret:inbound/admin");
        System.setProperty("inbound.db.url", "jdbc:h2:file:./target/never-opened/inbound");
        List<FunctionContext> primedOn = new ArrayList<>();
        try {
            FunctionContext function = FunctionContext.start(EMPTY, (secrets, priming) -> {
                primedOn.add(priming);
                SecretValues madeUp = SecretValues.of(priming.camel());
                assertThat(madeUp.value("inbound.admin.token")).contains(secrets.adminToken());
                assertThat(madeUp.value("inbound.provider.shopify.secret")).contains(secrets.signing());
                assertThat(madeUp.value("inbound.db.password")).isPresent();
                assertThat(madeUp.isSet("inbound.admin.token-arn")).as("a secret's ARN, which priming must not see").isFalse();
                assertThat(priming.settings().database().url()).startsWith("jdbc:h2:mem:");
                return "nothing";
            });
            try {
                function.snapStartHooks().beforeCheckpoint(null);
                assertThat(primedOn).hasSize(1);
                assertThat(primedOn.get(0)).isNotSameAs(function);
                assertThat(primedOn.get(0).camel().isStopped()).as("the priming context, after the run").isTrue();
                assertThat(SecretValues.of(function.camel()).isSet("inbound.admin.token")).as("the function's own token, named by its ARN").isTrue();
                assertThat(function.settings().database().url()).isEqualTo("jdbc:h2:file:./target/never-opened/inbound");
            } finally {
                function.camel().stop();
            }
        } finally {
            System.clearProperty("inbound.admin.token-arn");
            System.clearProperty("inbound.db.url");
        }
    }

    @Test
    void primeAtInitPrimesInTheConstructorAndAFailedPrimingLeavesTheFunctionStarted() {
        System.setProperty("inbound.prime-at-init", "true");
        AtomicInteger runs = new AtomicInteger();
        try {
            FunctionContext function = FunctionContext.start(EMPTY, (secrets, priming) -> {
                runs.incrementAndGet();
                throw new IllegalStateException("made to fail");
            });
            try {
                assertThat(runs).hasValue(1);
                assertThat(function.camel().isStarted()).isTrue();
            } finally {
                function.camel().stop();
            }
        } finally {
            System.clearProperty("inbound.prime-at-init");
        }
    }

    @Test
    void aFunctionWithBadSettingsFailsItsStartNamingEveryOne() {
        // system properties override the property files as environment variables do
        System.setProperty("inbound.lambda.worker.reserve-ms", "soon");
        System.setProperty("inbound.replay.invoke-timeout-ms", "0");
        try {
            assertThatThrownBy(() -> FunctionContext.start(EMPTY, NOTHING_TO_PRIME))
                    .hasMessageContaining("The test function could not start: 2 settings are wrong")
                    .hasMessageContaining("inbound.lambda.worker.reserve-ms (INBOUND_LAMBDA_WORKER_RESERVE_MS) must be a whole number, was 'soon'")
                    .hasMessageContaining("inbound.replay.invoke-timeout-ms (INBOUND_REPLAY_INVOKE_TIMEOUT_MS) must be at least 1, was 0");
        } finally {
            System.clearProperty("inbound.lambda.worker.reserve-ms");
            System.clearProperty("inbound.replay.invoke-timeout-ms");
        }
    }
}
