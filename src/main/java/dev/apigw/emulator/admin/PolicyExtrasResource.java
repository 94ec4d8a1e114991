package dev.apigw.emulator.admin;

import dev.apigw.emulator.catalog.AssetValidation;
import dev.apigw.emulator.model.Lenient;
import dev.apigw.emulator.model.Policies;
import dev.apigw.emulator.runtime.GatewayException;
import dev.apigw.emulator.store.AssetStore;
import dev.apigw.emulator.store.AssetType;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Policy endpoints beyond CRUD: the APIs a global policy applies to ({@code GET /policies/{id}/apis[?active=]}), the
 * service result cache ({@code GET/DELETE /serviceResultCache[/{apiId}]}: the emulator caches nothing, so the size is
 * always 0), and the threat-protection actions' update by {@code POST /policyActions/{id}}, the product's verb there.
 */
final class PolicyExtrasResource {
    private final AssetStore store;
    private final AssetValidation validation;

    PolicyExtrasResource(AssetStore store, AssetValidation validation) {
        this.store = store;
        this.validation = validation;
    }

    void mount(Router router) {
        String base = AdminApi.BASE;
        router.get(base + "/policies/:id/apis").handler(this::apisOfPolicy);
        router.get(base + "/serviceResultCache").handler(ctx -> cacheSize(ctx, byName(ctx)));
        router.get(base + "/serviceResultCache/:apiId").handler(ctx -> cacheSize(ctx, byId(ctx.pathParam("apiId"))));
        router.delete(base + "/serviceResultCache").handler(ctx -> byName(ctx)
            .onSuccess(api -> ctx.response().setStatusCode(204).end()).onFailure(ctx::fail));
        router.delete(base + "/serviceResultCache/:apiId").handler(ctx -> byId(ctx.pathParam("apiId"))
            .onSuccess(api -> ctx.response().setStatusCode(204).end()).onFailure(ctx::fail));
        router.post(base + "/policyActions/:id").handler(this::updateByPost);
    }

    /** A global policy applies to every API here (its scope conditions are not evaluated); a service policy to its API. */
    private void apisOfPolicy(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        Boolean active = Lenient.bool(ctx.queryParams().get("active"));
        Future.all(store.get(AssetType.POLICIES, id), store.list(AssetType.APIS)).onSuccess(all -> {
            JsonObject policy = all.resultAt(0);
            if (policy == null) {
                ctx.fail(GatewayException.notFound(id));
                return;
            }
            JsonArray out = new JsonArray();
            for (JsonObject api : all.<java.util.List<JsonObject>>resultAt(1)) {
                boolean applies = Policies.isGlobal(policy) || api.getJsonArray("policies", new JsonArray()).contains(id);
                boolean isActive = Boolean.TRUE.equals(Lenient.bool(api.getValue("isActive")));
                if (applies && (active == null || active == isActive)) out.add(ApiResponses.summary(api));
            }
            Bodies.ok(ctx, 200, new JsonObject().put("apiResponse", out));
        }).onFailure(ctx::fail);
    }

    private Future<JsonObject> byName(RoutingContext ctx) {
        String name = ctx.queryParams().get("apiName");
        String version = ctx.queryParams().get("apiVersion");
        return store.list(AssetType.APIS).map(apis -> apis.stream()
            .filter(a -> a.getString("apiName", "").equals(name) && a.getString("apiVersion", "").equals(version)).findFirst()
            .orElseThrow(() -> GatewayException.notFound(name + " " + version)));
    }

    private Future<JsonObject> byId(String id) {
        return store.get(AssetType.APIS, id).map(api -> {
            if (api == null) throw GatewayException.notFound(id);
            return api;
        });
    }

    private static void cacheSize(RoutingContext ctx, Future<JsonObject> api) {
        api.onSuccess(a -> Bodies.ok(ctx, 200, new JsonObject().put("Cache size", 0))).onFailure(ctx::fail);
    }

    private void updateByPost(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        JsonObject body = Bodies.json(ctx);
        store.get(AssetType.POLICY_ACTIONS, id).compose(existing -> {
            if (existing == null) throw GatewayException.notFound(id);
            JsonObject action = PolicyActionResource.validated(validation, Bodies.unwrap(body, "policyAction")).put("id", id);
            return store.put(AssetType.POLICY_ACTIONS, id, action).map(action);
        }).onSuccess(action -> Bodies.ok(ctx, 200, new JsonObject().put("policyAction", action))).onFailure(ctx::fail);
    }
}
