package dev.apigw.emulator.admin;

import dev.apigw.emulator.catalog.AssetValidation;
import dev.apigw.emulator.model.Names;
import dev.apigw.emulator.model.Policies;
import dev.apigw.emulator.runtime.GatewayException;
import dev.apigw.emulator.store.AssetStore;
import dev.apigw.emulator.store.AssetType;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * {@code /rest/apigateway/policyActions}: CRUD in the {@code {"policyAction":...}} wrapper. Documents are kept as
 * sent (plus id, default names and {@code active}), so actions the emulator does not enforce round-trip unchanged.
 */
final class PolicyActionResource {
    private final AssetStore store;
    private final AssetValidation validation;

    PolicyActionResource(AssetStore store, AssetValidation validation) {
        this.store = store;
        this.validation = validation;
    }

    void mount(Router router) {
        String base = AdminApi.BASE;
        router.get(base + "/policyActions").handler(this::list);
        router.post(base + "/policyActions").handler(this::create);
        router.get(base + "/policyActions/:id").handler(this::get);
        router.put(base + "/policyActions/:id").handler(this::update);
        router.delete(base + "/policyActions/:id").handler(this::delete);
    }

    private void list(RoutingContext ctx) {
        List<String> ids = Bodies.ids(ctx, "policyActionIds");
        store.list(AssetType.POLICY_ACTIONS).onSuccess(all -> {
            JsonArray out = new JsonArray();
            all.stream().filter(a -> ids.isEmpty() || ids.contains(a.getValue("id"))).forEach(out::add);
            Bodies.ok(ctx, 200, new JsonObject().put("policyAction", out));
        }).onFailure(ctx::fail);
    }

    /** A supplied id is kept (the custom-destination collection creates its actions under fixed ids). */
    private void create(RoutingContext ctx) {
        JsonObject action = validated(validation, Bodies.unwrap(Bodies.json(ctx), "policyAction"));
        String id = ClientIds.take(action);
        action.put("id", id);
        store.get(AssetType.POLICY_ACTIONS, id).compose(existing -> {
            if (existing != null) {
                throw GatewayException.admin(400, "POLICY_ACTION_EXISTS", "Policy action with id " + id + " already exists.");
            }
            return store.put(AssetType.POLICY_ACTIONS, id, action);
        }).onSuccess(v -> Bodies.ok(ctx, 201, new JsonObject().put("policyAction", action))).onFailure(ctx::fail);
    }

    private void get(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        store.get(AssetType.POLICY_ACTIONS, id).onSuccess(a -> {
            if (a == null) ctx.fail(GatewayException.notFound(id));
            else Bodies.ok(ctx, 200, new JsonObject().put("policyAction", a));
        }).onFailure(ctx::fail);
    }

    private void update(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        JsonObject body = Bodies.json(ctx);
        store.get(AssetType.POLICY_ACTIONS, id).compose(existing -> {
            if (existing == null) throw GatewayException.notFound(id);
            JsonObject action = validated(validation, Bodies.unwrap(body, "policyAction")).put("id", id);
            return store.put(AssetType.POLICY_ACTIONS, id, action).map(action);
        }).onSuccess(action -> Bodies.ok(ctx, 200, new JsonObject().put("policyAction", action))).onFailure(ctx::fail);
    }

    /** Deletes an action no policy enforces; a policy pointing at a missing action would silently lose a stage. */
    private void delete(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        store.list(AssetType.POLICIES).compose(policies -> {
            for (JsonObject p : policies) {
                if (Policies.referencedActionIds(p).contains(id)) {
                    throw GatewayException.admin(400, "POLICY_ACTION_IN_USE", "Policy action " + id + " is enforced by the "
                        + "policy [" + Names.first(p, String.valueOf(p.getValue("id"))) + "]. Remove it from that policy before deleting it.");
                }
            }
            return store.delete(AssetType.POLICY_ACTIONS, id);
        }).onSuccess(removed -> {
            if (removed) ctx.response().setStatusCode(204).end();
            else ctx.fail(GatewayException.notFound(id));
        }).onFailure(ctx::fail);
    }

    /** Shape and meaning ({@link AssetValidation}): a templateKey, well-formed parameters the enforcing policy accepts. */
    static JsonObject validated(AssetValidation validation, JsonObject action) {
        validation.check(AssetType.POLICY_ACTIONS, action);
        String key = action.getString("templateKey");
        if (!action.containsKey("names")) action.put("names", Names.of(key, "en"));
        if (!action.containsKey("active")) action.put("active", false);
        return action;
    }
}
