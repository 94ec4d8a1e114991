package dev.apigw.emulator.admin;

import dev.apigw.emulator.model.Lenient;
import dev.apigw.emulator.runtime.GatewayException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * OAuth2/JWT/OpenID strategies ({@code /strategies}): what ties an application ({@code authStrategyIds}) to its
 * OAuth2 client at the local authorization server. Every strategy carries a {@code dcrConfig} object (pipelines
 * edit it); a local OAuth2 strategy gets a client id and secret (UUIDs, or the ones given in {@code dcrConfig}) and
 * a read-only {@code clientRegistration}, as the product exports them. {@code secret} (JWT/HSA) is masked on read.
 */
final class StrategyKind implements AssetCrud.Kind {
    static final List<String> TYPES = List.of("JWT_RSA", "JWT_HSA", "OPENID_CONNECT_RSA", "OPENID_CONNECT_HSA", "OAUTH2",
        "OAUTH2_LOCAL_RSA", "OAUTH2_LOCAL_HSA", "COMPOSITE");

    @Override
    public JsonObject validate(JsonObject body, JsonObject existing) {
        JsonObject doc = body.copy();
        PrincipalResources.requiredText(doc, "name");
        String type = doc.getValue("type") instanceof String t ? t.trim().toUpperCase(Locale.ROOT) : null;
        if (type == null || !TYPES.contains(type)) throw GatewayException.invalidPayload("the strategy type must be one of " + TYPES);
        doc.put("type", type);
        for (String k : List.of("authServerAlias", "audience", "clientId", "description", "secret")) {
            if (doc.getValue(k) != null && !(doc.getValue(k) instanceof String)) throw GatewayException.invalidPayload("'" + k + "' must be a string");
        }
        Object dcr = doc.getValue("dcrConfig");
        if (dcr != null && !(dcr instanceof JsonObject)) throw GatewayException.invalidPayload("'dcrConfig' must be an object");
        JsonObject config = dcr == null ? new JsonObject() : (JsonObject) dcr;
        for (String k : List.of("allowedGrantTypes", "scopes", "redirectUris")) config.put(k, PrincipalResources.strings(config, k));
        for (String k : List.of("expirationInterval", "refreshCount")) {
            Object v = config.getValue(k);
            if (v != null && Lenient.integer(v) == null) throw GatewayException.invalidPayload("dcrConfig." + k + " must be a number");
            if (v != null) config.put(k, String.valueOf(Lenient.integer(v)));
        }
        doc.put("dcrConfig", config);
        if (existing != null && "********************************".equals(doc.getValue("secret"))) doc.put("secret", existing.getValue("secret"));
        return doc;
    }

    /** A local OAuth2 strategy keeps (or gets) its client; credentials a PUT leaves out are kept. */
    @Override
    public Future<JsonObject> prepare(JsonObject doc, JsonObject existing) {
        if (!isLocalOAuth(doc)) return Future.succeededFuture(doc);
        JsonObject dcr = doc.getJsonObject("dcrConfig");
        JsonObject old = existing == null ? new JsonObject() : existing.getJsonObject("dcrConfig", new JsonObject());
        String clientId = first(dcr.getValue("clientId"), doc.getValue("clientId"), old.getValue("clientId"), UUID.randomUUID().toString());
        String secret = first(dcr.getValue("clientSecret"), old.getValue("clientSecret"), UUID.randomUUID().toString());
        dcr.put("clientId", clientId).put("clientSecret", secret);
        if (!dcr.containsKey("clientName")) dcr.put("clientName", doc.getString("name"));
        if (!dcr.containsKey("clientType")) dcr.put("clientType", "CONFIDENTIAL");
        if (!dcr.containsKey("expirationInterval")) dcr.put("expirationInterval", "3600");
        doc.put("clientId", clientId).put("clientRegistration", registration(doc, dcr));
        return Future.succeededFuture(doc);
    }

    /** A new client secret (refreshCredentials). */
    static JsonObject refreshed(JsonObject stored) {
        JsonObject doc = stored.copy();
        if (!isLocalOAuth(doc)) return doc;
        JsonObject dcr = doc.getJsonObject("dcrConfig");
        dcr.put("clientSecret", UUID.randomUUID().toString());
        return doc.put("clientRegistration", registration(doc, dcr));
    }

    static boolean isLocalOAuth(JsonObject strategy) {
        String alias = strategy.getString("authServerAlias", "local");
        return strategy.getString("type", "").startsWith("OAUTH2") && (alias.isBlank() || alias.equals("local"));
    }

    private static JsonObject registration(JsonObject doc, JsonObject dcr) {
        JsonArray grants = dcr.getJsonArray("allowedGrantTypes", new JsonArray());
        long life = Lenient.integer(dcr.getValue("expirationInterval", "3600")) == null ? 3600
            : Lenient.integer(dcr.getValue("expirationInterval", "3600"));
        return new JsonObject().put("shell", false).put("clientId", dcr.getString("clientId")).put("name", dcr.getString("clientName"))
            .put("version", dcr.getValue("clientVersion", "1.0")).put("type", dcr.getString("clientType").toLowerCase(Locale.ROOT))
            .put("tokenLifetime", life).put("tokenRefreshLimit", Lenient.integer(dcr.getValue("refreshCount", "0")))
            .put("clientSecret", PrincipalResources.MASK).put("enabled", true)
            .put("redirectUris", dcr.getJsonArray("redirectUris")).put("clScopes", dcr.getJsonArray("scopes"))
            .put("authCodeAllowed", grants.contains("authorization_code")).put("implicitAllowed", grants.contains("implicit"))
            .put("clientCredentialsAllowed", grants.isEmpty() || grants.contains("client_credentials"))
            .put("resourceOwnerAllowed", grants.contains("password"));
    }

    @Override
    public JsonObject view(JsonObject stored) {
        if (!(stored.getValue("secret") instanceof String s) || s.isEmpty()) return stored;
        return stored.copy().put("secret", PrincipalResources.MASK);
    }

    @Override
    public GatewayException notFound(String id) {
        return GatewayException.admin(404, "NOT_FOUND", "Strategy with id: " + id + " does not exist.");
    }

    private static String first(Object... values) {
        for (Object v : values) if (v instanceof String s && !s.isBlank()) return s;
        return null;
    }
}
