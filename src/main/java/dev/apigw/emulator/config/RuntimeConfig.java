package dev.apigw.emulator.config;

/** How the runtime proxy talks to backends. */
public record RuntimeConfig(long backendTimeoutMs, int connectTimeoutMs, int maxConnectionsPerBackend) {
    static RuntimeConfig from(ConfigReader r) {
        return new RuntimeConfig(r.number("backendTimeoutMs", 1, 3_600_000),
            r.integer("connectTimeoutMs", 1, 600_000), r.integer("maxConnectionsPerBackend", 1, 100_000));
    }
}
