package dev.apigw.emulator.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Log levels and the access log.
 *
 * @param level the level of the gateway's own loggers ({@code dev.apigw.emulator})
 * @param levels more levels by logger name, {@code "io.vertx=DEBUG,dev.apigw.emulator.runtime=TRACE"}
 * @param accessLog one line per runtime request on the {@code apigw.access} logger
 */
public record LoggingConfig(String level, Map<String, String> levels, boolean accessLog) {
    private static final Set<String> LEVELS = Set.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF");

    static LoggingConfig from(ConfigReader r) {
        String level = checked(r.string("level").trim().toUpperCase(java.util.Locale.ROOT), r.path("level"));
        Map<String, String> levels = new LinkedHashMap<>();
        for (String entry : r.string("levels").split(",")) {
            if (entry.isBlank()) continue;
            int eq = entry.indexOf('=');
            if (eq < 1) throw new ConfigException(r.path("levels"), "entries are logger=LEVEL, was '" + entry.trim() + "'");
            levels.put(entry.substring(0, eq).trim(), checked(entry.substring(eq + 1).trim().toUpperCase(java.util.Locale.ROOT),
                r.path("levels")));
        }
        return new LoggingConfig(level, Map.copyOf(levels), r.bool("accessLog"));
    }

    private static String checked(String level, String path) {
        if (!LEVELS.contains(level)) throw new ConfigException(path, "must be one of " + LEVELS + ", was '" + level + "'");
        return level;
    }
}
