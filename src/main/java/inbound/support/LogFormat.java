package inbound.support;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * How Inbound's log lines are written to the console ({@code inbound.log.format}): {@code text}, as logback.xml
 * writes them, or {@code json}, one object per line ({@link JsonLogEncoder}). Applied as soon as the settings
 * are read, before anything is built; logback.xml keeps the one line logged before that ({@code MainSupport}'s
 * start) out of the console.
 */
public enum LogFormat {
    TEXT,
    JSON;

    public static final String KEY = "inbound.log.format";

    /** The format named {@code text} or {@code json}, in any case. */
    public static LogFormat of(String name) {
        for (LogFormat format : values()) {
            if (format.name().equalsIgnoreCase(name)) {
                return format;
            }
        }
        throw new IllegalArgumentException(KEY + " (INBOUND_LOG_FORMAT) must be text or json, was '" + name + "'");
    }

    /** From now on the console's lines are in this format (text: as logback.xml has them). */
    public void apply() {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (this == TEXT || !(factory instanceof LoggerContext context)) {
            return;
        }
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        List<ConsoleAppender<ILoggingEvent>> consoles = new ArrayList<>();
        root.iteratorForAppenders().forEachRemaining(appender -> {
            if (appender instanceof ConsoleAppender<ILoggingEvent> console) {
                consoles.add(console);
            }
        });
        if (consoles.stream().anyMatch(console -> console.getEncoder() instanceof JsonLogEncoder)) {
            return;
        }
        JsonLogEncoder encoder = new JsonLogEncoder();
        encoder.setContext(context);
        encoder.start();
        ConsoleAppender<ILoggingEvent> json = new ConsoleAppender<>();
        json.setName("JSON");
        json.setContext(context);
        json.setEncoder(encoder);
        json.start();
        // the new appender first, so that no line is lost between the two
        root.addAppender(json);
        consoles.forEach(root::detachAppender);
    }

    /**
     * Where a block of text for a person at the console goes (the start-up banner): printed as it is in text,
     * one log line of {@code logger} in JSON.
     */
    public Consumer<String> console(PrintStream out, Class<?> logger) {
        return this == TEXT ? out::println : text -> LoggerFactory.getLogger(logger).info(text.strip());
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
