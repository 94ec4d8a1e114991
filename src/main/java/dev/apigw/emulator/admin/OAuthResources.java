package dev.apigw.emulator.admin;

import dev.apigw.emulator.catalog.AssetValidation;
import dev.apigw.emulator.runtime.GatewayException;
import dev.apigw.emulator.store.AssetStore;
import dev.apigw.emulator.store.AssetType;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * The OAuth2 side of the admin API: {@code /strategies} (with {@code refreshCredentials}) and the gateway scope
 * mappings {@code /scopes}, which map an authorization server's scope ({@code requiredAuthScopes}) to APIs
 * ({@code apiScopes}). Tokens of the local authorization server carry the mapped scopes, and Identify &amp;
 * Authorize requires one of them on the mapped APIs.
 */
final class OAuthResources {
    private final AssetStore store;
    private final AssetCrud strategies;
    private final AssetCrud scopes;

    OAuthResources(AssetStore store, AssetValidation validation) {
        this.store = store;
        this.strategies = new AssetCrud(store, validation, AssetType.STRATEGIES,
            new AssetCrud.Shape("strategies", "strategy", false, "strategy", 200), new StrategyKind());
        this.scopes = new AssetCrud(store, validation, AssetType.GATEWAY_SCOPES,
            new AssetCrud.Shape("scopes", "scope", false, "scope", 201), new ScopeMappingKind(store));
    }

    void mount(Router router) {
        router.put(AdminApi.BASE + "/strategies/:id/refreshCredentials").handler(this::refresh);
        strategies.mount(router, "/strategies");
        scopes.mount(router, "/scopes");
    }

    private void refresh(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        strategies.find(id).map(StrategyKind::refreshed)
            .compose(doc -> store.put(AssetType.STRATEGIES, id, doc).map(doc))
            .onSuccess(doc -> Bodies.ok(ctx, 200, new JsonObject().put("strategy", new StrategyKind().view(doc))))
            .onFailure(ctx::fail);
    }

    /** A gateway scope mapping: a name, the auth server scopes it requires and the APIs it applies to. */
    private record ScopeMappingKind(AssetStore store) implements AssetCrud.Kind {
        @Override
        public JsonObject validate(JsonObject body, JsonObject existing) {
            JsonObject doc = body.copy();
            PrincipalResources.requiredText(doc, "scopeName");
            for (String k : List.of("scopeDescription", "audience")) {
                if (doc.getValue(k) != null && !(doc.getValue(k) instanceof String)) throw GatewayException.invalidPayload("'" + k + "' must be a string");
            }
            doc.put("apiScopes", PrincipalResources.strings(doc, "apiScopes"));
            Object required = doc.getValue("requiredAuthScopes");
            if (!(required instanceof JsonArray arr) || arr.stream().anyMatch(o -> !(o instanceof JsonObject r)
                || !(r.getValue("authServerAlias") instanceof String) || !(r.getValue("scopeName") instanceof String))) {
                throw GatewayException.invalidPayload("requiredAuthScopes must be an array of {authServerAlias, scopeName}");
            }
            if (!doc.containsKey("audience")) doc.put("audience", "");
            return doc;
        }

        /** Every mapped API must exist (an API scope is written {@code <apiId>:<scopeName>}). */
        @Override
        public Future<JsonObject> prepare(JsonObject doc, JsonObject existing) {
            return store.list(AssetType.APIS).map(apis -> {
                for (Object ref : doc.getJsonArray("apiScopes")) {
                    String apiId = dev.apigw.emulator.model.ScopeReferences.apiIdOf(ref.toString());
                    if (apis.stream().noneMatch(a -> apiId.equals(a.getString("id")))) {
                        throw GatewayException.invalidPayload("the API " + ref + " in apiScopes does not exist");
                    }
                }
                return doc;
            });
        }

        @Override
        public GatewayException notFound(String id) {
            return GatewayException.admin(404, "NOT_FOUND", "OAuth scope with id: " + id + " does not exist.");
        }
    }
}
