package dev.apigw.emulator.admin;

import dev.apigw.emulator.catalog.AssetValidation;
import dev.apigw.emulator.model.Names;
import dev.apigw.emulator.model.Policies;
import dev.apigw.emulator.runtime.GatewayException;
import dev.apigw.emulator.store.AssetStore;
import dev.apigw.emulator.store.AssetType;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.UUID;

/**
 * {@code /rest/apigateway/plans} (S-MON) in the {@code planResponse} wrapper. Creating a plan also creates its
 * rate-limit policy ({@code policies[0]}) and quota policy ({@code quota.enforcementPolicy}) unless given, as the
 * product does; the body's {@code policyActions} (rate limit) and {@code quota.policyActions} become actions those
 * policies enforce in stage LMT, and a throttle action enforced by the quota policy defines the quota. An inline
 * {@code quota: {"value","interval","intervalUnit"}} is accepted as a shortcut. {@code packageIds} is read from the
 * packages that name the plan; a plan a package names cannot be deleted (400: the product answers 500).
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
        router.put(base + "/plans/:planId").handler(this::update);
        router.delete(base + "/plans/:planId").handler(this::delete);
    }

    private void list(RoutingContext ctx) {
        Future.all(store.list(AssetType.PLANS), store.list(AssetType.PACKAGES)).onSuccess(all -> {
            JsonArray out = new JsonArray();
            for (JsonObject plan : all.<List<JsonObject>>resultAt(0)) out.add(withPackages(plan, all.resultAt(1)));
            Bodies.ok(ctx, 200, new JsonObject().put("planResponse", out));
        }).onFailure(ctx::fail);
    }

    private void get(RoutingContext ctx) {
        String id = ctx.pathParam("planId");
        Future.all(find(id), store.list(AssetType.PACKAGES)).onSuccess(all -> Bodies.ok(ctx, 200,
            new JsonObject().put("planResponse", withPackages(all.resultAt(0), all.resultAt(1))))).onFailure(ctx::fail);
    }

    private void create(RoutingContext ctx) {
        JsonObject plan = validated(Bodies.json(ctx));
        String id = ClientIds.take(plan);
        plan.put("id", id).put("creationDate", System.currentTimeMillis()).put("isProtected", false).put("protected", false);
        store.get(AssetType.PLANS, id).compose(existing -> {
            if (existing != null) throw GatewayException.admin(400, "PLAN_EXISTS", "Plan with id " + id + " already exists.");
            return policies(plan);
        }).compose(v -> store.put(AssetType.PLANS, id, plan))
            .onSuccess(v -> Bodies.ok(ctx, 201, new JsonObject().put("planResponse", plan))).onFailure(ctx::fail);
    }

    /** Replaces the plan's description and actions; its policies (and so its counters' identity) are kept. */
    private void update(RoutingContext ctx) {
        String id = ctx.pathParam("planId");
        JsonObject plan = validated(Bodies.json(ctx));
        find(id).compose(existing -> {
            plan.put("id", id).put("creationDate", existing.getValue("creationDate"))
                .put("isProtected", existing.getValue("isProtected", false)).put("protected", existing.getValue("protected", false));
            if (!(plan.getValue("policies") instanceof JsonArray p) || p.isEmpty()) plan.put("policies", existing.getValue("policies"));
            JsonObject oldQuota = existing.getJsonObject("quota", new JsonObject());
            if (plan.getJsonObject("quota").getString("enforcementPolicy") == null && oldQuota.getString("enforcementPolicy") != null) {
                plan.getJsonObject("quota").put("enforcementPolicy", oldQuota.getString("enforcementPolicy"));
            }
            return policies(plan);
        }).compose(v -> store.put(AssetType.PLANS, id, plan))
            .onSuccess(v -> Bodies.ok(ctx, 200, new JsonObject().put("planResponse", plan))).onFailure(ctx::fail);
    }

    private void delete(RoutingContext ctx) {
        String id = ctx.pathParam("planId");
        Future.all(find(id), store.list(AssetType.PACKAGES)).compose(all -> {
            JsonObject plan = all.resultAt(0);
            List<String> linked = all.<List<JsonObject>>resultAt(1).stream()
                .filter(p -> p.getJsonArray("planIds", new JsonArray()).contains(id)).map(p -> p.getString("name")).toList();
            if (!linked.isEmpty()) {
                throw GatewayException.admin(400, "PLAN_IN_USE", "Plan '" + plan.getString("name") + "' linked with Package(s) '"
                    + String.join(",", linked) + "'.");
            }
            return store.delete(AssetType.PLANS, id);
        }).onSuccess(v -> ctx.response().setStatusCode(204).end()).onFailure(ctx::fail);
    }

    private Future<JsonObject> find(String id) {
        return store.get(AssetType.PLANS, id).map(plan -> {
            if (plan == null) throw GatewayException.notFound(id);
            return plan;
        });
    }

    /** The product's checks and defaults, then the shape every reader relies on ({@link AssetValidation}). */
    private JsonObject validated(JsonObject plan) {
        String name = plan.getValue("name") instanceof String s ? s : null;
        if (name == null || name.isBlank()) throw GatewayException.invalidPayload("Plan name should not be empty or null");
        Object quota = plan.getValue("quota");
        if (quota != null && !(quota instanceof JsonObject)) throw GatewayException.invalidPayload("'quota' must be an object");
        plan.put("quota", quota == null ? new JsonObject() : quota);
        Boolean deprecated = dev.apigw.emulator.model.Lenient.bool(plan.getValue("deprecated", false));
        if (deprecated == null) throw GatewayException.invalidPayload("'deprecated' must be true or false");
        plan.put("deprecated", deprecated);
        plan.remove("packageIds"); // read from the packages
        return validation.check(AssetType.PLANS, plan);
    }

    private static JsonObject withPackages(JsonObject plan, List<JsonObject> packages) {
        JsonArray ids = new JsonArray();
        packages.stream().filter(p -> p.getJsonArray("planIds", new JsonArray()).contains(plan.getString("id")))
            .forEach(p -> ids.add(p.getString("id")));
        return plan.copy().put("packageIds", ids);
    }

    /** The plan's rate-limit and quota policies, created when missing, enforcing the body's actions. */
    private Future<Void> policies(JsonObject plan) {
        String name = plan.getString("name");
        JsonObject quota = plan.getJsonObject("quota");
        if (!(plan.getValue("policies") instanceof JsonArray p) || p.isEmpty()) {
            plan.put("policies", new JsonArray().add(UUID.randomUUID().toString()));
        }
        if (quota.getString("enforcementPolicy") == null) quota.put("enforcementPolicy", UUID.randomUUID().toString());
        return ensure(plan.getJsonArray("policies").getString(0), "Rate limit policy for plan " + name, plan.remove("policyActions"))
            .compose(v -> ensure(quota.getString("enforcementPolicy"), "Quota policy for plan " + name, quota.remove("policyActions")));
    }

    /** Creates the policy when missing; actions given (an array) replace what it enforces. */
    private Future<Void> ensure(String policyId, String name, Object actions) {
        if (actions != null && !(actions instanceof JsonArray)) throw GatewayException.invalidPayload("'policyActions' must be an array");
        JsonArray given = (JsonArray) actions;
        if (given != null) for (Object a : given) {
            if (!(a instanceof JsonObject action)) throw GatewayException.invalidPayload("every policy action must be an object");
            validation.check(AssetType.POLICY_ACTIONS, action); // shape and meaning, as POST /policyActions
        }
        return store.get(AssetType.POLICIES, policyId).compose(existing -> {
            if (existing != null && given == null) return Future.succeededFuture();
            JsonObject policy = existing != null ? existing.put("policyEnforcements", new JsonArray()) : policy(policyId, name);
            Future<Void> chain = Future.succeededFuture();
            for (Object a : given == null ? new JsonArray() : given) {
                String aid = UUID.randomUUID().toString();
                JsonObject action = ((JsonObject) a).copy().put("id", aid);
                if (!action.containsKey("names")) action.put("names", Names.of(action.getString("templateKey"), "en"));
                Policies.enforce(policy, "LMT", aid);
                chain = chain.compose(v -> store.put(AssetType.POLICY_ACTIONS, aid, action));
            }
            return chain.compose(v -> store.put(AssetType.POLICIES, policyId, policy));
        });
    }

    /** A plan's policy: SERVICE scope so no API enforces it by itself; actions are added with PUT /policies/{id}. */
    private static JsonObject policy(String id, String name) {
        return new JsonObject().put("id", id).put("names", Names.of(name, "en")).put("policyEnforcements", new JsonArray())
            .put("descriptions", new JsonArray())
            .put("policyScope", "SERVICE").put("global", false).put("active", false).put("systemPolicy", false);
    }
}
