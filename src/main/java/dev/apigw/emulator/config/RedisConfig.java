package dev.apigw.emulator.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shared Redis; an empty url means every store is embedded on this node. The url names the deployment
 * ({@link RedisUrl}: one server, a Sentinel-managed master, or a Cluster); {@code pingIntervalMs} is how often the
 * change-feed subscription checks that its connection still answers.
 */
public record RedisConfig(String url, long commandTimeoutMs, int maxPoolSize, long pingIntervalMs) {
    private static final Pattern QUERY_PASSWORD = Pattern.compile("(?i)[?&]password=([^&]*)");

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

    /** The URL without its password, for logs and messages. */
    public String redactedUrl() {
        return RedisUrl.redact(url);
    }

    /**
     * {@code text} with this URL's password replaced by {@code ***} wherever it appears: a client's error message may
     * quote the URL of one node in any form (a Sentinel's or a cluster seed's URL carries the same credentials).
     */
    public String redact(String text) {
        String password = password();
        return text == null || password.isEmpty() ? text : text.replace(password, "***");
    }

    /** The password in the user info ({@code user:password@}, or a lone {@code password@}) or the query. */
    private String password() {
        Matcher query = QUERY_PASSWORD.matcher(url);
        if (query.find() && !query.group(1).isEmpty()) return query.group(1);
        int scheme = url.indexOf("://");
        int slash = url.indexOf('/', scheme + 3);
        int at = url.lastIndexOf('@', slash < 0 ? url.length() : slash);
        if (scheme < 0 || at < scheme) return "";
        String userInfo = url.substring(scheme + 3, at);
        int colon = userInfo.indexOf(':');
        return colon < 0 ? userInfo : userInfo.substring(colon + 1);
    }

    @Override
    public String toString() {
        return "RedisConfig[url=" + redactedUrl() + ", commandTimeoutMs=" + commandTimeoutMs + ", maxPoolSize="
            + maxPoolSize + ", pingIntervalMs=" + pingIntervalMs + "]";
    }

    static RedisConfig from(ConfigReader r) {
        return new RedisConfig(r.string("url").trim(), r.number("commandTimeoutMs", 1, 600_000),
            r.integer("maxPoolSize", 1, 1024), r.number("pingIntervalMs", 100, 60_000));
    }
}
