package dev.apigw.emulator.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code redis.url}, parsed once: which Redis deployment the nodes share and how to reach each of its nodes.
 * <ul>
 *   <li>{@code redis://[user:password@]host[:port][/db]} — one server ({@code rediss://} for TLS), passed through
 *       to the client as written;</li>
 *   <li>{@code redis-sentinel://[user:password@]host[:port][,host[:port]...]/masterName[/db]} — the Sentinels of
 *       one master set (port 26379 by default; {@code rediss-sentinel://} for TLS to Sentinels and servers);</li>
 *   <li>{@code redis-cluster://[user:password@]host[:port][,host[:port]...]} — seed nodes of a Redis Cluster (port
 *       6379 by default; {@code rediss-cluster://} for TLS).</li>
 * </ul>
 * Credentials and a query ({@code ?password=...}) apply to every node, as in the {@code redis://} form.
 *
 * @param nodes one {@code redis://} or {@code rediss://} URL per node (the Sentinels for SENTINEL, the seeds for
 *              CLUSTER), each carrying the credentials; for STANDALONE the configured URL itself
 */
public record RedisUrl(Topology topology, List<String> nodes, String masterName, String redacted) {
    static final String SCHEMES = "redis://, rediss://, redis-sentinel://, rediss-sentinel://, redis-cluster:// or "
        + "rediss-cluster://";

    /** The three shapes of a Redis deployment the gateway can share. */
    public enum Topology { STANDALONE, SENTINEL, CLUSTER }

    public RedisUrl {
        nodes = List.copyOf(nodes);
    }

    /** Parses {@code url}; an {@link IllegalArgumentException} says what is wrong, with the password masked. */
    public static RedisUrl parse(String url) {
        String shown = redact(url);
        int colon = url.indexOf("://");
        String scheme = colon < 0 ? "" : url.substring(0, colon).toLowerCase();
        String rest = colon < 0 ? "" : url.substring(colon + 3);
        return switch (scheme) {
            case "redis", "rediss" -> standalone(url, rest, shown);
            case "redis-sentinel", "rediss-sentinel" -> sentinel(scheme.startsWith("rediss") ? "rediss" : "redis", rest, shown);
            case "redis-cluster", "rediss-cluster" -> cluster(scheme.startsWith("rediss") ? "rediss" : "redis", rest, shown);
            default -> throw new IllegalArgumentException("must start with " + SCHEMES + ", was '" + shown + "'");
        };
    }

    private static RedisUrl standalone(String url, String rest, String shown) {
        String authority = authority(rest);
        if (hostsOf(authority).contains(",")) {
            throw new IllegalArgumentException("redis:// takes one server; list several nodes with redis-sentinel:// or "
                + "redis-cluster://, was '" + shown + "'");
        }
        node("redis", hostsOf(authority), 6379, shown); // validates host and port
        return new RedisUrl(Topology.STANDALONE, List.of(url), null, shown);
    }

    private static RedisUrl sentinel(String scheme, String rest, String shown) {
        String authority = authority(rest);
        String[] path = pathOf(rest).split("/");
        if (path.length == 0 || path[0].isBlank()) {
            throw new IllegalArgumentException("redis-sentinel:// needs the master name after the Sentinels, as in "
                + "redis-sentinel://host:26379,host:26380/mymaster, was '" + shown + "'");
        }
        if (path.length > 2 || (path.length == 2 && !path[1].matches("\\d{1,2}"))) {
            throw new IllegalArgumentException("redis-sentinel:// takes /masterName or /masterName/db (a database "
                + "number), was '" + shown + "'");
        }
        String db = path.length == 2 ? "/" + path[1] : "";
        return new RedisUrl(Topology.SENTINEL, nodeUrls(scheme, authority, db, queryOf(rest), 26379, shown), path[0], shown);
    }

    private static RedisUrl cluster(String scheme, String rest, String shown) {
        if (!pathOf(rest).isEmpty()) {
            throw new IllegalArgumentException("redis-cluster:// takes no path or database (a Redis Cluster has only "
                + "database 0), was '" + shown + "'");
        }
        return new RedisUrl(Topology.CLUSTER, nodeUrls(scheme, authority(rest), "", queryOf(rest), 6379, shown), null, shown);
    }

    private static List<String> nodeUrls(String scheme, String authority, String db, String query, int defaultPort,
                                         String shown) {
        int at = authority.lastIndexOf('@');
        String userInfo = at < 0 ? "" : authority.substring(0, at + 1);
        List<String> out = new ArrayList<>();
        for (String host : hostsOf(authority).split(",", -1)) {
            out.add(scheme + "://" + userInfo + node(scheme, host.trim(), defaultPort, shown) + db + query);
        }
        return out;
    }

    /** {@code host:port} of one node, with the default port added; fails on an empty host or a bad port. */
    private static String node(String scheme, String host, int defaultPort, String shown) {
        if (host.isEmpty()) throw new IllegalArgumentException("a node is missing (empty host) in '" + shown + "'");
        try {
            URI uri = new URI(scheme + "://" + host);
            if (uri.getHost() == null || uri.getPath() != null && !uri.getPath().isEmpty()) {
                throw new IllegalArgumentException("'" + host + "' is not host[:port] in '" + shown + "'");
            }
            return uri.getHost() + ":" + (uri.getPort() < 0 ? defaultPort : uri.getPort());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + host + "' is not host[:port] in '" + shown + "'");
        }
    }

    private static String authority(String rest) {
        int end = firstOf(rest, '/', '?');
        return end < 0 ? rest : rest.substring(0, end);
    }

    private static String hostsOf(String authority) {
        return authority.substring(authority.lastIndexOf('@') + 1);
    }

    private static String pathOf(String rest) {
        int slash = firstOf(rest, '/', '?');
        if (slash < 0 || rest.charAt(slash) == '?') return "";
        int q = rest.indexOf('?', slash);
        String path = q < 0 ? rest.substring(slash + 1) : rest.substring(slash + 1, q);
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    private static String queryOf(String rest) {
        int q = rest.indexOf('?');
        return q < 0 ? "" : rest.substring(q);
    }

    private static int firstOf(String s, char a, char b) {
        int i = s.indexOf(a);
        int j = s.indexOf(b);
        return i < 0 ? j : j < 0 ? i : Math.min(i, j);
    }

    /** The URL with any password replaced by {@code ***}: for logs, errors and health. */
    public static String redact(String url) {
        String masked = url.replaceAll("(?i)([?&]password=)[^&]*", "$1***");
        int colon = masked.indexOf("://");
        int at = masked.lastIndexOf('@', firstOrEnd(masked, colon + 3));
        if (colon < 0 || at < colon) return masked;
        String userInfo = masked.substring(colon + 3, at);
        int sep = userInfo.indexOf(':');
        return sep < 0 ? masked : masked.substring(0, colon + 3) + userInfo.substring(0, sep) + ":***" + masked.substring(at);
    }

    private static int firstOrEnd(String s, int from) {
        int slash = s.indexOf('/', from);
        return slash < 0 ? s.length() : slash;
    }
}
