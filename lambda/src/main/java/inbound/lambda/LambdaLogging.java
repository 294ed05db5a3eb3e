package inbound.lambda;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * A function's logging, set up in code (Logback finds it through {@code META-INF/services}) instead of by
 * logback.xml: reading XML configuration is a share of a cold start, and a function needs only a console and
 * its levels. What it sets up is what logback.xml gives the server — lines as text on the console, the AWS
 * SDK's only from WARN — until {@code inbound.log.format} applies ({@code json} in Lambda); the loggers
 * logback.xml quiets besides are the server's, none of which is in a function. Outside a function (no Lambda
 * Runtime API: the tests, whose class path holds both shapes) it leaves the set-up to logback.xml.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class LambdaLogging extends ContextAwareBase implements Configurator {

    /** Set by Lambda, and by the local runtime a function is tested under. */
    private static final String RUNTIME_API = "AWS_LAMBDA_RUNTIME_API";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getenv(RUNTIME_API) == null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n");
        encoder.start();
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setName("STDOUT");
        console.setContext(context);
        console.setEncoder(encoder);
        console.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(console);
        context.getLogger("software.amazon.awssdk").setLevel(Level.WARN);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
