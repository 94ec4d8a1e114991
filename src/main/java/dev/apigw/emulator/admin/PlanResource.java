package dev.apigw.emulator.admin;

import dev.apigw.emulator.catalog.AssetValidation;
import dev.apigw.emulator.model.Names;
import dev.apigw.emulator.runtime.GatewayException;
import dev.apigw.emulator.store.AssetStore;
import dev.apigw.emulator.store.AssetType;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;

/**
 * {@code /rest/apigateway/plans} (S-MON), minimal: list, create, get, in the {@code planResponse} wrapper. Creating
 * a plan also creates its rate-limit policy ({@code policies[0]}) and quota policy ({@code quota.enforcementPolicy})
 * unless given, as the product does; a throttle action enforced by the quota policy defines the quota. An inline
 * {@code quota: {"value","interval","intervalUnit"}} is accepted as a shortcut.
 */
final class PlanResource {
    private final AssetStore store;
    private final AssetValidation validation;

    PlanResource(AssetStore store, AssetValidation validation) {
        this.store = store;
        this.validation = validation;
    }

    void mount(Router router) {
        String base = AdminApi.BASE;
        router.get(base + "/plans").handler(this::list);
        router.post(base + "/plans").handler(this::create);
        router.get(base + "/plans/:planId").handler(this::get);
    }

    private void list(RoutingContext ctx) {
        store.list(AssetType.PLANS).onSuccess(all -> Bodies.ok(ctx, 200,
            new JsonObject().put("planResponse", new JsonArray(all)))).onFailure(ctx::fail);
    }

    private void get(RoutingContext ctx) {
        String id = ctx.pathParam("planId");
        store.get(AssetType.PLANS, id).onSuccess(plan -> {
            if (plan == null) ctx.fail(GatewayException.notFound(id));
            else Bodies.ok(ctx, 200, new JsonObject().put("planResponse", plan));
        }).onFailure(ctx::fail);
    }

    private void create(RoutingContext ctx) {
        JsonObject plan = Bodies.json(ctx);
        String name = plan.getValue("name") instanceof String s ? s : null;
        if (name == null || name.isBlank()) throw GatewayException.invalidPayload("the plan name is mandatory");
        validation.check(AssetType.PLANS, plan);
        String id = UUID.randomUUID().toString();
        JsonObject quota = plan.getValue("quota") instanceof JsonObject q ? q : new JsonObject();
        plan.put("id", id).put("quota", quota).put("creationDate", System.currentTimeMillis())
            .put("deprecated", plan.getBoolean("deprecated", false)).put("isProtected", false).put("protected", false)
            .put("packageIds", new JsonArray());
        Future<Void> policies = Future.succeededFuture();
        if (!(plan.getValue("policies") instanceof JsonArray p) || p.isEmpty()) {
            String rateId = UUID.randomUUID().toString();
            plan.put("policies", new JsonArray().add(rateId));
            policies = policies.compose(v -> store.put(AssetType.POLICIES, rateId, policy(rateId, "Rate limit policy for plan " + name)));
        }
        if (quota.getString("enforcementPolicy") == null) {
            String quotaId = UUID.randomUUID().toString();
            quota.put("enforcementPolicy", quotaId);
            policies = policies.compose(v -> store.put(AssetType.POLICIES, quotaId, policy(quotaId, "Quota policy for plan " + name)));
        }
        policies.compose(v -> store.put(AssetType.PLANS, id, plan))
            .onSuccess(v -> Bodies.ok(ctx, 201, new JsonObject().put("planResponse", plan))).onFailure(ctx::fail);
    }

    /** A plan's policy: SERVICE scope so no API enforces it by itself; actions are added with PUT /policies/{id}. */
    private static JsonObject policy(String id, String name) {
        return new JsonObject().put("id", id).put("names", Names.of(name, "en")).put("policyEnforcements", new JsonArray())
            .put("policyScope", "SERVICE").put("global", false).put("active", false).put("systemPolicy", false);
    }
}
