package dev.apigw.emulator.admin;

import dev.apigw.emulator.catalog.ApiAssets;
import dev.apigw.emulator.catalog.ApiChanges;
import dev.apigw.emulator.model.Lenient;
import dev.apigw.emulator.model.Policies;
import dev.apigw.emulator.model.ScopeReferences;
import dev.apigw.emulator.runtime.GatewayException;
import dev.apigw.emulator.store.AssetStore;
import dev.apigw.emulator.store.AssetType;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * What hangs off one API besides its definition: versions ({@code GET/POST /apis/{id}/versions}), mock mode
 * ({@code PUT /apis/{id}/mock/enable|disable}; while on, the runtime answers from the definition), publication to a
 * portal as a record ({@code PUT /apis/{id}/publish|unpublish?portalGatewayId=}; no portal is contacted), its scopes
 * ({@code GET /apis/{id}/scopes[/{scopeName}]}) and the global policies that apply to it.
 */
final class ApiExtrasResource {
    private final ApiAssets apis;
    private final ApiChanges changes;
    private final AssetStore store;
    private final ApiResource one;

    ApiExtrasResource(ApiAssets apis, AssetStore store, ApiResource one) {
        this.apis = apis;
        this.changes = new ApiChanges(store, apis);
        this.store = store;
        this.one = one;
    }

    void mount(Router router) {
        String base = AdminApi.BASE + "/apis/:apiId";
        router.get(base + "/versions").handler(this::versions);
        router.post(base + "/versions").handler(this::newVersion);
        router.put(base + "/mock/enable").handler(ctx -> answer(ctx, changes.mock(id(ctx), true)));
        router.put(base + "/mock/disable").handler(ctx -> answer(ctx, changes.mock(id(ctx), false)));
        router.put(base + "/publish").handler(ctx -> answer(ctx, changes.portal(id(ctx), portal(ctx), true)));
        router.put(base + "/unpublish").handler(ctx -> answer(ctx, changes.portal(id(ctx), portal(ctx), false)));
        router.get(base + "/scopes").handler(ctx -> scopes(ctx, null));
        router.get(base + "/scopes/:scopeName").handler(ctx -> scopes(ctx, ctx.pathParam("scopeName")));
        router.get(base + "/globalPolicies").handler(this::globalPolicies);
    }

    private static String id(RoutingContext ctx) {
        return ctx.pathParam("apiId");
    }

    private void answer(RoutingContext ctx, Future<JsonObject> change) {
        change.compose(api -> one.respondOne(ctx, 200, api)).onFailure(ctx::fail);
    }

    /** One element per version, as the product lists them: {@code {"apiResponse":[{"api":{...},"responseStatus"}]}}. */
    private void versions(RoutingContext ctx) {
        changes.versions(id(ctx)).onSuccess(all -> {
            JsonArray out = new JsonArray();
            all.forEach(a -> out.add(ApiResponses.summary(a)));
            Bodies.ok(ctx, 200, new JsonObject().put("apiResponse", out));
        }).onFailure(ctx::fail);
    }

    private void newVersion(RoutingContext ctx) {
        JsonObject body = Bodies.json(ctx);
        Object version = body.getValue("newApiVersion");
        if (version != null && !(version instanceof String)) version = version.toString();
        boolean retain = Boolean.TRUE.equals(Lenient.bool(body.getValue("retainApplications", false)));
        answer(ctx, changes.newVersion(id(ctx), (String) version, retain));
    }

    /** The portal gateway, from the query or the body; the product refuses a publication without one. */
    private static String portal(RoutingContext ctx) {
        String id = ctx.queryParams().get("portalGatewayId");
        if ((id == null || id.isBlank()) && ctx.body() != null && ctx.body().length() > 0) {
            Object inBody = Bodies.json(ctx).getValue("portalGatewayId");
            id = inBody instanceof String s ? s : null;
        }
        if (id == null || id.isBlank()) {
            throw GatewayException.admin(400, "MISSING_PORTAL", "The mandatory parameter portalGatewayId is missing.");
        }
        return id.trim();
    }

    private void scopes(RoutingContext ctx, String scopeName) {
        apis.find(id(ctx)).onSuccess(api -> {
            JsonArray refs = ScopeReferences.view(api, scopeName);
            if (scopeName != null && refs.isEmpty()) {
                ctx.fail(GatewayException.admin(404, "SCOPE_NOT_FOUND", "Scope " + scopeName + " does not exist in API " + id(ctx)));
                return;
            }
            Bodies.ok(ctx, 200, new JsonObject().put("scopeReferences", refs));
        }).onFailure(ctx::fail);
    }

    /** The active global policies: every one applies to every API here (their scope conditions are not evaluated). */
    private void globalPolicies(RoutingContext ctx) {
        apis.find(id(ctx)).compose(api -> store.list(AssetType.POLICIES)).onSuccess(all -> {
            JsonArray ids = new JsonArray();
            all.stream().filter(p -> Policies.isGlobal(p) && Boolean.TRUE.equals(Lenient.bool(p.getValue("active"))))
                .forEach(p -> ids.add(p.getString("id")));
            Bodies.ok(ctx, 200, new JsonObject().put("globalPolicies", ids));
        }).onFailure(ctx::fail);
    }
}
