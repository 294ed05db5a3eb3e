package inbound.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import org.junit.jupiter.api.Test;

/** A function's logging set up in code; anywhere else (these tests) left to logback.xml. */
class LambdaLoggingTest {

    @Test
    void outsideAFunctionTheSetUpIsLeftToLogbackXml() {
        LoggerContext context = new LoggerContext();
        LambdaLogging logging = new LambdaLogging();
        logging.setContext(context);

        assertThat(System.getenv("AWS_LAMBDA_RUNTIME_API")).as("these tests run outside a function").isNull();
        assertThat(logging.configure(context)).isEqualTo(Configurator.ExecutionStatus.INVOKE_NEXT_IF_ANY);
        assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).iteratorForAppenders().hasNext()).isFalse();
    }
}
