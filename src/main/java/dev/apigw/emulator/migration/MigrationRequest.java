package dev.apigw.emulator.migration;

import dev.apigw.emulator.runtime.GatewayException;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * A {@code POST /rest/apigateway/migration} body: {@code action} (clean, reindex, transform, or backup, a no-op here),
 * for reindex the {@code indicesType} (core, logsevents, analyticsandlogs, all) and {@code sourceElasticsearch}
 * {@code {url, username, password}}, and {@code properties} (accepted, numbers or strings; the emulator needs none of
 * the product's batch sizes). The source URL is the old gateway's main URL ({@code http(s)://host:5555}, its
 * administrator's credentials) or the {@code redis://} URL of the old cluster's Redis (credentials in the URL).
 */
public record MigrationRequest(String action, String indicesType, Source source, JsonObject properties) {
    public static final List<String> ACTIONS = List.of("clean", "reindex", "transform", "backup");
    public static final List<String> INDICES = List.of("core", "logsevents", "analyticsandlogs", "all");

    /** Where a reindex reads from. */
    public record Source(String url, String username, String password) {
        public boolean redis() {
            return url.startsWith("redis://") || url.startsWith("rediss://");
        }
    }

    /** Parses and checks a body; anything missing or malformed is a 400 naming it. */
    public static MigrationRequest parse(JsonObject body) {
        String action = text(body, "action");
        if (action == null || !ACTIONS.contains(action.toLowerCase(Locale.ROOT))) {
            throw GatewayException.invalidPayload("'action' must be one of " + ACTIONS + ", was " + body.getValue("action"));
        }
        action = action.toLowerCase(Locale.ROOT);
        Object props = body.getValue("properties");
        if (props != null && !(props instanceof JsonObject)) throw GatewayException.invalidPayload("'properties' must be an object");
        JsonObject properties = props == null ? new JsonObject() : (JsonObject) props;
        if (!action.equals("reindex")) return new MigrationRequest(action, null, null, properties);
        String indices = text(body, "indicesType");
        if (indices == null || !INDICES.contains(indices.toLowerCase(Locale.ROOT))) {
            throw GatewayException.invalidPayload("reindex needs 'indicesType', one of " + INDICES + ", was " + body.getValue("indicesType"));
        }
        return new MigrationRequest(action, indices.toLowerCase(Locale.ROOT), source(body.getValue("sourceElasticsearch")), properties);
    }

    private static Source source(Object value) {
        if (!(value instanceof JsonObject es) || !(es.getValue("url") instanceof String url) || url.isBlank()) {
            throw GatewayException.invalidPayload("reindex needs 'sourceElasticsearch' with the 'url' of the source: the old "
                + "gateway's URL (http://host:5555) or its Redis (redis://host:6379)");
        }
        String u = url.trim();
        try {
            URI uri = new URI(u);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!List.of("http", "https", "redis", "rediss").contains(scheme) || uri.getHost() == null) throw new IllegalArgumentException();
        } catch (Exception e) {
            throw GatewayException.invalidPayload("'sourceElasticsearch.url' must be an http(s):// or redis:// URL, was '" + u + "'");
        }
        for (String k : List.of("username", "password")) {
            if (es.getValue(k) != null && !(es.getValue(k) instanceof String)) throw GatewayException.invalidPayload("'sourceElasticsearch." + k + "' must be a string");
        }
        return new Source(u, es.getString("username", ""), es.getString("password", ""));
    }

    private static String text(JsonObject body, String key) {
        return body.getValue(key) instanceof String s && !s.isBlank() ? s.trim() : null;
    }

    /** The webhook event a completion emits (the product's names, "competed" included), or null (backup). */
    public String event() {
        return switch (action) {
            case "clean" -> "migration:clean:datastore:completed";
            case "reindex" -> "migration:reindex:" + indicesType + ":completed";
            case "transform" -> "migration:transform:assets:competed";
            default -> null;
        };
    }
}
