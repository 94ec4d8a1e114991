package dev.apigw.emulator.config;

/**
 * The shared Redis; an empty url means every store is embedded on this node. The url names the deployment
 * ({@link RedisUrl}: one server, a Sentinel-managed master, or a Cluster); {@code pingIntervalMs} is how often the
 * change-feed subscription checks that its connection still answers.
 */
public record RedisConfig(String url, long commandTimeoutMs, int maxPoolSize, long pingIntervalMs) {
    public RedisConfig {
        if (!url.isBlank()) {
            try {
                RedisUrl.parse(url);
            } catch (IllegalArgumentException e) {
                throw new ConfigException("redis.url", e.getMessage());
            }
        }
    }

    /** The parsed url; only meaningful when {@link #url()} is not blank. */
    public RedisUrl endpoint() {
        return RedisUrl.parse(url);
    }

    static RedisConfig from(ConfigReader r) {
        return new RedisConfig(r.string("url").trim(), r.number("commandTimeoutMs", 1, 600_000),
            r.integer("maxPoolSize", 1, 1024), r.number("pingIntervalMs", 100, 60_000));
    }
}
