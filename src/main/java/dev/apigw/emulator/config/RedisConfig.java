package dev.apigw.emulator.config;

/** The shared Redis; an empty url means every store is embedded on this node. */
public record RedisConfig(String url, long commandTimeoutMs, int maxPoolSize) {
    public RedisConfig {
        if (!url.isBlank() && !url.startsWith("redis://") && !url.startsWith("rediss://")) {
            throw new ConfigException("redis.url", "must start with redis:// or rediss://");
        }
    }

    /** The URL without its password, for logs and messages. */
    public String redactedUrl() {
        return redact(url);
    }

    /** {@code text} with this URL's password replaced by {@code ***} wherever it appears. */
    public String redact(String text) {
        String password = password();
        return text == null || password.isEmpty() ? text : text.replace(password, "***");
    }

    private String password() {
        int scheme = url.indexOf("://");
        int at = url.lastIndexOf('@');
        if (scheme < 0 || at < scheme) return "";
        String userInfo = url.substring(scheme + 3, at);
        int colon = userInfo.indexOf(':');
        return colon < 0 ? userInfo : userInfo.substring(colon + 1);
    }

    @Override
    public String toString() {
        return "RedisConfig[url=" + redactedUrl() + ", commandTimeoutMs=" + commandTimeoutMs + ", maxPoolSize=" + maxPoolSize + "]";
    }

    static RedisConfig from(ConfigReader r) {
        return new RedisConfig(r.string("url").trim(), r.number("commandTimeoutMs", 1, 600_000),
            r.integer("maxPoolSize", 1, 1024));
    }
}
