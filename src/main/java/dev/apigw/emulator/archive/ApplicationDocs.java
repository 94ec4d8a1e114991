package dev.apigw.emulator.archive;

import dev.apigw.emulator.model.Applications;
import dev.apigw.emulator.model.Timestamps;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Applications between the emulator's stored shape ({@code id}, {@code created}, {@code consumingAPIs},
 * {@code accessTokens.apiAccessKey_credentials}, {@code oauth_credentials} with the client-secret hash) and the
 * archive's ({@code applicationID}, {@code creationDate}, {@code accessTokens.apiAccessKey.apiAccessKey} masked, the
 * APIs in RegisteredApplication entries). Secrets never appear in the archive document itself: they travel sealed in
 * PassmanData ({@link #API_KEY} and {@link #SECRET_HASH} followed by the application id).
 */
final class ApplicationDocs {
    static final String API_KEY = "API_ACCESS_KEY";
    static final String SECRET_HASH = "OAUTH2_CLIENT_SECRET_HASH";
    /** Stored fields the archive spells differently or carries elsewhere. */
    private static final Set<String> MAPPED = Set.of("id", "created", "lastupdated", "consumingAPIs", "accessTokens");

    private ApplicationDocs() {
    }

    /** The archive document of a stored application, in the product's field order, other fields kept after. */
    static JsonObject export(JsonObject app) {
        JsonObject out = new JsonObject().put("applicationID", app.getString("id")).put("name", app.getValue("name"))
            .put("description", app.getValue("description")).put("owner", app.getValue("owner")).put("ownerType", "user")
            .put("identifiers", app.getValue("identifiers", new JsonArray()))
            .put("contactEmails", app.getValue("contactEmails", new JsonArray()))
            .put("accessTokens", exportTokens(app)).put("creationDate", app.getValue("created"))
            .put("lastModified", app.getValue("lastupdated")).put("siteURLs", app.getValue("siteURLs", new JsonArray()))
            .put("jsOrigins", app.getValue("jsOrigins", new JsonArray())).put("version", app.getValue("version", "1.0"))
            .put("properties", app.getValue("properties", new JsonObject()))
            .put("isSuspended", Applications.suspended(app))
            .put("authStrategyIds", app.getValue("authStrategyIds", new JsonArray()));
        app.forEach(e -> {
            if (!MAPPED.contains(e.getKey()) && !out.containsKey(e.getKey())) out.put(e.getKey(), e.getValue());
        });
        return out;
    }

    private static JsonObject exportTokens(JsonObject app) {
        JsonObject tokens = new JsonObject().put("apiAccessKey", new JsonObject().put("apiAccessKey", ArchiveSecrets.MASK));
        JsonObject oauth = Applications.oauth(app);
        if (oauth != null) {
            JsonObject shown = oauth.copy();
            shown.remove(Applications.SECRET_HASH);
            tokens.put("oauth_credentials", shown.putNull("clientSecret"));
        }
        return tokens;
    }

    /**
     * The stored shape of an archive application, without credentials (the caller decides them): the product's
     * {@code applicationID} and {@code creationDate} mapped, identifiers given ids, every other field kept.
     */
    static JsonObject stored(JsonObject doc, String id, List<String> apiIds) {
        JsonObject app = doc.copy();
        app.remove("applicationID");
        app.remove("accessTokens");
        app.remove("_docType");
        Object created = app.remove("creationDate");
        Object modified = app.remove("lastModified");
        app.put("id", id).put("created", app.getValue("created", created == null ? Timestamps.now() : created))
            .put("lastupdated", app.getValue("lastupdated", modified)).put("consumingAPIs", new JsonArray(List.copyOf(apiIds)))
            .put("isSuspended", Applications.suspended(app));
        if (!(app.getValue("version") instanceof String)) app.put("version", "1.0");
        JsonArray identifiers = app.getValue("identifiers") instanceof JsonArray a ? a : new JsonArray();
        for (Object i : identifiers) {
            if (i instanceof JsonObject ident && ident.getString("id") == null) ident.put("id", UUID.randomUUID().toString());
        }
        app.put("identifiers", identifiers);
        for (String k : List.of("contactEmails", "siteURLs", "jsOrigins", "authStrategyIds")) {
            if (!(app.getValue(k) instanceof JsonArray)) app.put(k, new JsonArray());
        }
        return app;
    }

    /** The API key written in an archive document: the product's field, or the REST shape's. Null if absent. */
    static String apiKeyIn(JsonObject doc) {
        if (!(doc.getValue("accessTokens") instanceof JsonObject tokens)) return null;
        for (String field : List.of("apiAccessKey", "apiAccessKey_credentials")) {
            if (tokens.getValue(field) instanceof JsonObject k && k.getValue("apiAccessKey") instanceof String key) return key;
        }
        return null;
    }

    /** The OAuth2 credentials an emulator exported (client id and settings, no secret), or null. */
    static JsonObject oauthIn(JsonObject doc) {
        if (doc.getValue("accessTokens") instanceof JsonObject tokens && tokens.getValue("oauth_credentials") instanceof JsonObject o
            && o.getValue("clientID") instanceof String) {
            return o.copy();
        }
        return null;
    }
}
