package dev.apigw.emulator.runtime;

import java.net.URI;
import java.util.Locale;

/**
 * Where a straight-through routing action sends a request: an {@code endpointUri} such as
 * {@code http://host:8080/v2${sys:resource_path}} parsed once, and the method to use ({@code CUSTOM} keeps the
 * client's). Without {@code ${sys:resource_path}} every request goes to the exact URI.
 */
public record RoutingTarget(boolean ssl, String host, int port, String pathPrefix, String pathSuffix,
                            boolean appendResourcePath, String method, String endpointUri, String hostHeader) {
    public static final String RESOURCE_PATH = "${sys:resource_path}";

    public static RoutingTarget parse(String endpointUri, String method) {
        if (endpointUri == null || endpointUri.isBlank()) throw new IllegalArgumentException("endpointUri is empty");
        int at = endpointUri.indexOf(RESOURCE_PATH);
        String base = at < 0 ? endpointUri : endpointUri.substring(0, at);
        String suffix = at < 0 ? "" : endpointUri.substring(at + RESOURCE_PATH.length());
        URI uri;
        try {
            uri = URI.create(base);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("endpointUri '" + endpointUri + "' is not a valid URI");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new IllegalArgumentException("endpointUri '" + endpointUri + "' must be an absolute http(s) URL");
        }
        boolean ssl = scheme.equals("https");
        int port = uri.getPort() > 0 ? uri.getPort() : (ssl ? 443 : 80);
        String prefix = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (at >= 0 && prefix.endsWith("/")) prefix = prefix.substring(0, prefix.length() - 1);
        if (at < 0 && uri.getRawQuery() != null) prefix = prefix + "?" + uri.getRawQuery(); // a fixed URI keeps its query
        String m = method == null || method.isBlank() ? "CUSTOM" : method.toUpperCase(Locale.ROOT);
        String hostHeader = (ssl && port == 443) || (!ssl && port == 80) ? uri.getHost() : uri.getHost() + ":" + port;
        return new RoutingTarget(ssl, uri.getHost(), port, prefix, suffix, at >= 0, m, endpointUri, hostHeader);
    }

    /** The upstream request URI (path and query) for a resource path and the client's raw query. */
    public String uri(String resourcePath, String query) {
        String path = !appendResourcePath ? pathPrefix
            : pathPrefix.isEmpty() && pathSuffix.isEmpty() ? resourcePath : pathPrefix + resourcePath + pathSuffix;
        if (path.isEmpty() || path.startsWith("?")) path = "/" + path;
        return query == null || query.isEmpty() ? path : path + (path.contains("?") ? "&" : "?") + query;
    }

    /** The method to send upstream: the configured one, or the client's when {@code CUSTOM}. */
    public String methodFor(String clientMethod) {
        return keepsMethod() ? clientMethod : method;
    }

    public boolean keepsMethod() {
        return method.equals("CUSTOM");
    }
}
