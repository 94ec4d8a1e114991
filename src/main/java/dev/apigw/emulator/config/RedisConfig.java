package dev.apigw.emulator.config;

/** The shared Redis; an empty url means every store is embedded on this node. */
public record RedisConfig(String url, long commandTimeoutMs, int maxPoolSize) {
    public RedisConfig {
        if (!url.isBlank() && !url.startsWith("redis://") && !url.startsWith("rediss://")) {
            throw new ConfigException("redis.url", "must start with redis:// or rediss://, was '" + url + "'");
        }
    }

    static RedisConfig from(ConfigReader r) {
        return new RedisConfig(r.string("url").trim(), r.number("commandTimeoutMs", 1, 600_000),
            r.integer("maxPoolSize", 1, 1024));
    }
}
