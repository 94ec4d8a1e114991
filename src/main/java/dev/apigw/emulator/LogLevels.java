package dev.apigw.emulator;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import dev.apigw.emulator.config.LoggingConfig;
import org.slf4j.LoggerFactory;

/** Applies the {@code logging.*} settings to Logback (configured by logback.xml) at start. */
final class LogLevels {
    private LogLevels() {
    }

    static void apply(LoggingConfig logging) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) return; // another SLF4J binding
        context.getLogger("dev.apigw.emulator").setLevel(Level.toLevel(logging.level()));
        logging.levels().forEach((name, level) -> context.getLogger(name).setLevel(Level.toLevel(level)));
        Logger access = context.getLogger("apigw.access");
        if (!logging.accessLog()) access.setLevel(Level.OFF);
    }
}
