package dev.apigw.emulator.alias;

import dev.apigw.emulator.lifecycle.Lifecycle;
import dev.apigw.emulator.store.AssetStore;
import dev.apigw.emulator.store.AssetType;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;

/**
 * The aliases every gateway has: the local OAuth2/JWT authorization server {@code local} and the defaults
 * {@code ServiceConsulDefault}, {@code EurekaDefault}, {@code OKTA} and {@code PingFederate}. Pipelines skip these
 * ids when they delete "all" aliases, and read and update {@code local} (scopes, token generator, introspection and
 * SSL settings). Created at start when missing; never deleted.
 */
public final class BuiltInAliases implements Lifecycle {
    public static final String LOCAL = "local";
    public static final Set<String> IDS = Set.of(LOCAL, "ServiceConsulDefault", "EurekaDefault", "OKTA", "PingFederate");

    private final AssetStore store;
    private final String owner;

    public BuiltInAliases(AssetStore store, String owner) {
        this.store = store;
        this.owner = owner;
    }

    public static boolean isBuiltIn(String id) {
        return IDS.contains(id);
    }

    /** Writes each built-in alias that is not stored yet; a stored one (perhaps edited) is left alone. */
    @Override
    public Future<Void> start() {
        Future<Void> chain = Future.succeededFuture();
        for (JsonObject alias : all(owner)) {
            String id = alias.getString("id");
            chain = chain.compose(v -> store.get(AssetType.ALIASES, id))
                .compose(found -> found != null ? Future.<Void>succeededFuture() : store.put(AssetType.ALIASES, id, alias));
        }
        return chain;
    }

    static List<JsonObject> all(String owner) {
        return List.of(local(owner), registry("ServiceConsulDefault", "SERVICE_CONSUL", "http://localhost:8500/v1", owner),
            registry("EurekaDefault", "EUREKA", "http://localhost:8761/eureka/v2", owner),
            provider("OKTA", owner), provider("PingFederate", owner));
    }

    private static JsonObject base(String id, String type, String description, String owner) {
        return new JsonObject().put("id", id).put("name", id).put("description", description).put("type", type)
            .put("owner", owner).put("stage", "");
    }

    /** The local authorization server, with the four sub-objects pipelines read and set. */
    static JsonObject local(String owner) {
        return base(LOCAL, "authServerAlias", "Local OAuth2 authorization server of the gateway", owner)
            .put("authServerType", "LOCAL_IS").put("scopes", new JsonArray())
            .put("supportedGrantTypes", new JsonArray().add("authorization_code").add("client_credentials")
                .add("implicit").add("password").add("refresh_token"))
            .put("tokenGeneratorConfig", new JsonObject().put("expiry", 60).put("accessTokenExpInterval", 3600)
                .put("authCodeExpInterval", 600).put("algorithm", "RS256").put("audience", "").put("enforcePKCE", false))
            .put("localIntrospectionConfig", new JsonObject().put("issuer", "").put("jwksuri", "")
                .put("certificateAlias", "").put("trustStoreAlias", "").put("description", 0).put("useLocalClockSkew", false))
            .put("sslConfig", new JsonObject().put("keyStoreAlias", "").put("keyAlias", "").put("trustStoreAlias", ""));
    }

    private static JsonObject registry(String id, String kind, String endpoint, String owner) {
        return base(id, "serviceRegistryAlias", "Default " + kind.toLowerCase().replace('_', ' ') + " service registry", owner)
            .put("serviceRegistryType", kind).put("endpointURI", endpoint).put("ConnectionTimeout", 30)
            .put("readTimeout", 30).put("heartBeatInterval", 30).put("customHeaders", new JsonObject());
    }

    private static JsonObject provider(String id, String owner) {
        return base(id, "clientMetadataMapping", "Client metadata mapping of " + id, owner).put("providerName", id)
            .put("supportedApplicationTypes", new JsonArray().add("web").add("browser").add("service"))
            .put("implNames", new JsonObject()).put("generateCredentials", true).put("extendedValuesV2", new JsonArray());
    }
}
